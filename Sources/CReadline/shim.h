#ifndef BARGAIN_CREADLINE_SHIM_H
#define BARGAIN_CREADLINE_SHIM_H

/* readline.h uses FILE without including <stdio.h> itself. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/*
 * Swift 6 refuses to read or write mutable C globals ("not concurrency-safe"),
 * so every readline global that bargain touches gets a tiny accessor here.
 * They are only ever called from the thread that drives the line editor.
 */

/* Completion. */
static inline void bargain_rl_set_attempted_completion_function(rl_completion_func_t *f) {
    rl_attempted_completion_function = f;
}
static inline void bargain_rl_set_attempted_completion_over(int value) {
    rl_attempted_completion_over = value;
}
/* readline keeps the pointer: pass a string that lives for the whole process. */
static inline void bargain_rl_set_completer_word_break_characters(const char *chars) {
    rl_completer_word_break_characters = chars;
}
static inline void bargain_rl_set_basic_word_break_characters(const char *chars) {
    rl_basic_word_break_characters = chars;
}
static inline void bargain_rl_set_completion_word_break_hook(rl_cpvfunc_t *f) {
    rl_completion_word_break_hook = f;
}

/* Signals and environment. */
static inline void bargain_rl_set_catch_signals(int value) { rl_catch_signals = value; }
static inline void bargain_rl_set_catch_sigwinch(int value) { rl_catch_sigwinch = value; }
static inline void bargain_rl_set_change_environment(int value) { rl_change_environment = value; }

/* readline keeps the pointer: pass a string that lives for the whole process. */
static inline void bargain_rl_set_readline_name(const char *name) { rl_readline_name = name; }

/* The line being edited. */
static inline const char *bargain_rl_line_buffer(void) { return rl_line_buffer; }
static inline int bargain_rl_point(void) { return rl_point; }
static inline void bargain_rl_set_point(int point) { rl_point = point; }
static inline int bargain_rl_end(void) { return rl_end; }

/* History. */
static inline int bargain_history_length(void) { return history_length; }
static inline int bargain_history_base(void) { return history_base; }

#endif
