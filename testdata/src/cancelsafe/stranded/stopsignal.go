package stranded

type message struct{ body string }

// The reader goroutine sends every message with a plain send; when the
// caller's stop channel wins, it blocks on the next one. The stop channel
// it was handed is what its send should also select on.
func readUntilStop(next func() (message, bool), stop <-chan struct{}, handle func(message)) {
	msgs := make(chan message)
	go func() {
		for {
			m, ok := next()
			if !ok {
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return
			}
			handle(m)
		case <-stop: // want `^when stop is ready first, the goroutine started at line 10 blocks forever sending on msgs; let the goroutine started at line 10 stop: its send needs a select on stop$`
			return
		}
	}
}
