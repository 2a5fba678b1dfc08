// GNU readline for the REPL. Swift 6 cannot assign readline's C globals,
// so this header wraps them in static inline setters.
#ifndef TWITCHWISE_CREADLINE_SHIM_H
#define TWITCHWISE_CREADLINE_SHIM_H
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
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
static inline void tw_rl_set_point(int value) { rl_point = value; }
static inline int tw_rl_end(void) { return rl_end; }
static inline void tw_rl_set_instream(FILE *stream) { rl_instream = stream; }
static inline void tw_rl_set_outstream(FILE *stream) { rl_outstream = stream; }
static inline int tw_history_length(void) { return history_length; }
/* Writes to readline's output stream (stdout by default) and flushes it. */
static inline void tw_rl_write_out(const char *text) {
    FILE *out = rl_outstream ? rl_outstream : stdout;
    fputs(text, out);
    fflush(out);
}

/* SIGINT for the REPL: the handler only records the signal; the REPL acts on
   it from readline's signal event hook or between lines. */
static volatile sig_atomic_t tw_sigint_seen = 0;
static void tw_on_sigint(int sig) { (void)sig; tw_sigint_seen = 1; }
static inline int tw_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = tw_on_sigint;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGINT, &action, NULL);
}
/* Whether SIGINT arrived since the last call; clears it. */
static inline int tw_take_sigint(void) {
    int seen = tw_sigint_seen;
    tw_sigint_seen = 0;
    return seen;
}

/* The terminal's width in columns, or 0 when it is not known. */
static inline int tw_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0) return size.ws_col;
    return 0;
}
#endif
