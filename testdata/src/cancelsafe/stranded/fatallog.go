package stranded

import (
	"context"

	"github.com/rs/zerolog/log"
)

// Silent: the path that leaves the sender behind logs at the fatal level,
// and zerolog's Msg exits the program there.
func serveOrDie(ctx context.Context, serve func() error) {
	errs := make(chan error)
	go func() { errs <- serve() }()
	select {
	case err := <-errs:
		log.Error().Err(err).Msg("server stopped")
	case <-ctx.Done():
		log.Fatal().Str("reason", "shutdown").Msg("giving up")
	}
}

// Twin: at the error level Msg returns, and so does the function.
func serveOrLog(ctx context.Context, serve func() error) {
	errs := make(chan error)
	go func() { errs <- serve() }()
	select {
	case err := <-errs:
		log.Error().Err(err).Msg("server stopped")
	case <-ctx.Done(): // want `^when ctx is done first, the goroutine started at line 25 blocks forever sending on errs; give errs a buffer of 1$`
		log.Error().Str("reason", "shutdown").Msg("giving up")
	}
}
