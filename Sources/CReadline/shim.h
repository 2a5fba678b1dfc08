// GNU readline for the REPL. Swift 6 cannot assign readline's C globals,
// so this header wraps them in static inline setters.
#ifndef TWITCHWISE_CREADLINE_SHIM_H
#define TWITCHWISE_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

static inline void tw_rl_set_completion_function(rl_completion_func_t *fn) {
    rl_attempted_completion_function = fn;
}
static inline void tw_rl_set_completion_entry(rl_compentry_func_t *fn) {
    rl_completion_entry_function = fn;
}
static inline void tw_rl_set_attempted_completion_over(int value) {
    rl_attempted_completion_over = value;
}
static inline void tw_rl_set_catch_signals(int value) { rl_catch_signals = value; }
static inline void tw_rl_set_catch_sigwinch(int value) { rl_catch_sigwinch = value; }
static inline void tw_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void tw_rl_set_basic_word_break_characters(const char *chars) {
    rl_basic_word_break_characters = chars;
}
static inline void tw_rl_set_completer_word_break_characters(char *chars) {
    rl_completer_word_break_characters = chars;
}
static inline void tw_rl_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline const char *tw_rl_line_buffer(void) { return rl_line_buffer; }
static inline int tw_rl_point(void) { return rl_point; }
static inline void tw_rl_set_event_hook(rl_hook_func_t *fn) { rl_event_hook = fn; }
static inline void tw_rl_set_signal_event_hook(rl_hook_func_t *fn) { rl_signal_event_hook = fn; }
static inline void tw_rl_set_done(int value) { rl_done = value; }
#endif
