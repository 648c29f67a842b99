// Package missingimport uses packages it does not import, and imports one
// that does not exist.
package missingimport

import "example.com/does/not/exist"

func group(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return exist.Do(ctx) })
	return g.Wait()
}

func waitGroup() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(time.Second)
	}()
}

func command() {
	cmd := exec.Command("true")
	_ = cmd.Start()
}

func selects(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- exist.Value }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	case <-time.After(time.Second):
		return -1
	}
}
