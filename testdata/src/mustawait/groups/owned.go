package groups

import (
	"context"

	"golang.org/x/sync/errgroup"
)

type tcpServer struct{ quit chan struct{} }

func (s *tcpServer) Serve() error { <-s.quit; return nil }

func (s *tcpServer) Shutdown(ctx context.Context) error { close(s.quit); return nil }

// A node's Start serves in a group and waits for it once everything is
// up. On an early error the server goes on serving until the owner's
// Shutdown, which ends the group's goroutine: nothing outlives the node.
type node struct{ srv *tcpServer }

func (n *node) Start(join func() error) error {
	var g errgroup.Group
	g.Go(func() error { return n.srv.Serve() })
	if err := join(); err != nil {
		return err
	}
	return g.Wait()
}

func (n *node) Shutdown(ctx context.Context) error { return n.srv.Shutdown(ctx) }

// The twin's server is never shut down by the package: the early return
// leaves its goroutine running.
type loneNode struct{ srv *tcpServer }

func (n *loneNode) Start(join func() error) error {
	var g errgroup.Group
	g.Go(func() error { return n.srv.Serve() }) // want `^g.Go is not followed by g.Wait on the path that returns at line 39; its goroutines outlive the function$`
	if err := join(); err != nil {
		return err
	}
	return g.Wait()
}
