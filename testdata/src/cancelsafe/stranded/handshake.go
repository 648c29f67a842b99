package stranded

import (
	"bufio"
	"time"
)

// The reader hands each line over and waits to be told it was handled;
// no buffer frees it once the loop stops taking lines.
func serveScript(rdr *bufio.Reader, steps int, handle func([]byte)) {
	lines := make(chan []byte)
	handled := make(chan struct{})
	go func() {
		for {
			line, err := rdr.ReadBytes('\n')
			if err != nil {
				return
			}
			lines <- line
			<-handled
		}
	}()
	tick := time.After(time.Millisecond)
	for i := 0; i < steps; {
		select {
		case line := <-lines:
			handle(line)
			handled <- struct{}{}
		case <-tick: // want `when tick is ready first, the goroutine started at line 13 blocks forever sending on lines; let the goroutine started at line 13 stop: its send needs a select on a channel this function closes$`
			i++
			if i == steps {
				return
			}
			tick = time.After(time.Millisecond)
		}
	}
}

// Silent: the reader gives up once the function has closed done.
func serveScriptStoppable(rdr *bufio.Reader, steps int, handle func([]byte)) {
	lines := make(chan []byte)
	handled := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			line, err := rdr.ReadBytes('\n')
			if err != nil {
				return
			}
			select {
			case lines <- line:
			case <-done:
				return
			}
			select {
			case <-handled:
			case <-done:
				return
			}
		}
	}()
	tick := time.After(time.Millisecond)
	for i := 0; i < steps; {
		select {
		case line := <-lines:
			handle(line)
			handled <- struct{}{}
		case <-tick:
			i++
			if i == steps {
				return
			}
			tick = time.After(time.Millisecond)
		}
	}
}
