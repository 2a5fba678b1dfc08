// GNU readline for the REPL. Swift 6 cannot assign readline's C globals,
// so this header wraps them in static inline setters.
//
// The library is loaded when the REPL starts (tw_rl_load), not with the
// program: the other modes (--json, ask, plain text) never use it, and having
// the dynamic loader map and bind it costs a tenth of their start-up (issue 8).
// So nothing here names a readline symbol directly: TW_RL(name) looks the
// symbol up in the loaded library (once per call site) with the type the
// headers give it. The headers are still included, for those types and the
// RL_STATE_* constants.
#ifndef TWITCHWISE_CREADLINE_SHIM_H
#define TWITCHWISE_CREADLINE_SHIM_H
#include <dlfcn.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <readline/readline.h>
#include <readline/history.h>

/* A readline function or variable: a pointer to it, looked up once per call site. */
#define TW_RL(name) (*({ \
    static __typeof__(&name) tw_rl_cached; \
    if (!tw_rl_cached) tw_rl_cached = (__typeof__(&name))dlsym(RTLD_DEFAULT, #name); \
    &tw_rl_cached; }))

/* Loads GNU readline; 0 when it is there (then every TW_RL symbol resolves). */
static inline int tw_rl_load(void) {
    static const char *const names[] = {
        "libreadline.so.8", "libreadline.so", "libreadline.8.dylib", "libreadline.dylib",
        "/opt/homebrew/opt/readline/lib/libreadline.dylib", "/usr/local/opt/readline/lib/libreadline.dylib",
    };
    if (dlsym(RTLD_DEFAULT, "readline") && dlsym(RTLD_DEFAULT, "add_history")) return 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (dlopen(names[i], RTLD_NOW | RTLD_GLOBAL) && dlsym(RTLD_DEFAULT, "readline")) return 0;
    }
    return -1;
}

static inline char *tw_readline(const char *prompt) { return TW_RL(readline)(prompt); }
static inline void tw_add_history(const char *line) { TW_RL(add_history)(line); }
static inline void tw_stifle_history(int max) { TW_RL(stifle_history)(max); }
static inline void tw_rl_deprep_terminal(void) { TW_RL(rl_deprep_terminal)(); }
static inline char **tw_rl_completion_matches(const char *text, rl_compentry_func_t *generate) {
    return TW_RL(rl_completion_matches)(text, generate);
}

static inline void tw_rl_set_completion_function(rl_completion_func_t *fn) {
    *TW_RL(rl_attempted_completion_function) = fn;
}
static inline void tw_rl_set_completion_entry(rl_compentry_func_t *fn) {
    *TW_RL(rl_completion_entry_function) = fn;
}
static inline void tw_rl_set_attempted_completion_over(int value) {
    *TW_RL(rl_attempted_completion_over) = value;
}
static inline void tw_rl_set_catch_signals(int value) { *TW_RL(rl_catch_signals) = value; }
static inline void tw_rl_set_catch_sigwinch(int value) { *TW_RL(rl_catch_sigwinch) = value; }
static inline void tw_rl_set_readline_name(const char *name) { *TW_RL(rl_readline_name) = name; }
static inline void tw_rl_set_basic_word_break_characters(const char *chars) {
    *TW_RL(rl_basic_word_break_characters) = chars;
}
static inline void tw_rl_set_completer_word_break_characters(char *chars) {
    *TW_RL(rl_completer_word_break_characters) = chars;
}
static inline void tw_rl_set_completion_append_character(int c) { *TW_RL(rl_completion_append_character) = c; }
static inline const char *tw_rl_line_buffer(void) { return *TW_RL(rl_line_buffer); }
static inline int tw_rl_point(void) { return *TW_RL(rl_point); }
static inline void tw_rl_set_event_hook(rl_hook_func_t *fn) { *TW_RL(rl_event_hook) = fn; }
static inline void tw_rl_set_signal_event_hook(rl_hook_func_t *fn) { *TW_RL(rl_signal_event_hook) = fn; }
static inline void tw_rl_set_done(int value) { *TW_RL(rl_done) = value; }
static inline void tw_rl_set_point(int value) { *TW_RL(rl_point) = value; }
static inline int tw_rl_end(void) { return *TW_RL(rl_end); }
static inline void tw_rl_set_instream(FILE *stream) { *TW_RL(rl_instream) = stream; }
static inline void tw_rl_set_outstream(FILE *stream) { *TW_RL(rl_outstream) = stream; }
static inline int tw_history_length(void) { return *TW_RL(history_length); }
/* Writes to readline's output stream (stdout by default) and flushes it. */
static inline void tw_rl_write_out(const char *text) {
    FILE *out = *TW_RL(rl_outstream) ? *TW_RL(rl_outstream) : stdout;
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

/* Ctrl-C while readline waits: readline's own handler has already reset its
   state, echoed ^C and called ours; this drops the line and draws a fresh prompt. */
static inline void tw_rl_fresh_line(void) {
    TW_RL(rl_replace_line)("", 1);
    TW_RL(using_history)();
    TW_RL(rl_crlf)();
    TW_RL(rl_on_new_line)();
    TW_RL(rl_redisplay)();
}

/* States in which readline reads keys for something other than the line
   (a search, a y/n question, a numeric argument, ...): Ctrl-G ends them. */
#define TW_RL_NESTED_STATES (RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_MOREINPUT | RL_STATE_NUMERICARG \
                             | RL_STATE_COMPLETING | RL_STATE_CHARSEARCH)

/* rl_getc_function: like readline's rl_getc, except that after a Ctrl-C it first
   ends a search or question in progress (by answering Ctrl-G, readline's
   abort key), then clears the line and shows a fresh prompt. */
static int tw_rl_getc(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        if (tw_sigint_seen && !(*TW_RL(rl_readline_state) & TW_RL_NESTED_STATES)) {
            tw_sigint_seen = 0;
            tw_rl_fresh_line();
        }
        /* select() is interrupted by every signal, even one installed with
           SA_RESTART (readline's SIGWINCH), so a resize is handled at once. */
        fd_set ready;
        FD_ZERO(&ready);
        FD_SET(fd, &ready);
        ssize_t n = select(fd + 1, &ready, NULL, NULL, NULL);
        unsigned char c;
        if (n >= 0) n = read(fd, &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EWOULDBLOCK || errno == EAGAIN) {
            int flags = fcntl(fd, F_GETFL);
            if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) return EOF;
            continue;
        }
        if (errno != EINTR) return (*TW_RL(rl_readline_state) & RL_STATE_READCMD) ? READERR : EOF;
        TW_RL(rl_check_signals)();
        if (tw_sigint_seen && (*TW_RL(rl_readline_state) & TW_RL_NESTED_STATES)) return CTRL('G');
    }
}
static inline void tw_rl_use_getc(void) { *TW_RL(rl_getc_function) = tw_rl_getc; }

/* The terminal's width in columns, or 0 when it is not known. */
static inline int tw_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0) return size.ws_col;
    return 0;
}

/* The terminal's height in rows, or 0 when it is not known. */
static inline int tw_terminal_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0) return size.ws_row;
    return 0;
}
#endif
