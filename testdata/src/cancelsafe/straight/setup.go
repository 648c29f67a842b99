package straight

import "errors"

func serve(addr string) error { return errors.New("closed: " + addr) }

type server struct{ started []string }

// setup starts a server for each address it accepts, and fails on the
// first one it does not.
func (s *server) setup(errc chan error, addrs []string, insecure bool) error {
	for _, a := range addrs {
		if a == "" {
			return errors.New("empty address")
		}
		if insecure {
			go func() { errc <- serve(a) }()
			s.started = append(s.started, a)
		}
	}
	return nil
}

// When setup fails, the servers it started for earlier addresses block
// forever sending their errors.
func (s *server) run(addrs []string, insecure bool) error {
	errc := make(chan error)
	if err := s.setup(errc, addrs, insecure); err != nil {
		return err // want `^this return comes before any receive from errc; the goroutine started by s.setup blocks forever sending on errc; receive from errc on every path out, or give it a buffer for every sender$`
	}
	if len(s.started) == 0 {
		// setup succeeded and started nothing: nothing is pending here,
		// which the path alone does not show. Silent.
		return errors.New("no servers")
	}
	err := <-errc
	for range len(s.started) - 1 {
		<-errc
	}
	return err
}

// --- clean twins: no diagnostics below ---

// Goroutines started for every address, and each received.
func (s *server) runAll(addrs []string) error {
	errc := make(chan error)
	for _, a := range addrs {
		go func() { errc <- serve(a) }()
	}
	var first error
	for range addrs {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}
