// Package zerolog is a stub of github.com/rs/zerolog: a level's event,
// sent by Msg, exits the program at the fatal level and panics at panic.
package zerolog

import "os"

type Logger struct{}

type Event struct{ level int }

func (l *Logger) Error() *Event { return &Event{level: 1} }
func (l *Logger) Fatal() *Event { return &Event{level: 2} }
func (l *Logger) Panic() *Event { return &Event{level: 3} }

func (e *Event) Err(err error) *Event    { return e }
func (e *Event) Str(k, v string) *Event  { return e }
func (e *Event) Msgf(f string, v ...any) { e.Msg(f) }
func (e *Event) Send()                   { e.Msg("") }
func (e *Event) Msg(msg string) {
	switch e.level {
	case 2:
		os.Exit(1)
	case 3:
		panic(msg)
	}
}
