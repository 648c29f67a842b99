package groups

import (
	"path"
	"path/filepath"
	"sync"
)

func resolve(name string) {}

// Silent: path.Match fails only on a malformed pattern, the same in
// every round, so its return comes in the first round, before any
// goroutine starts.
func resolveMatching(pattern string, names []string) error {
	var wg sync.WaitGroup
	for _, name := range names {
		matched, err := path.Match(pattern, name)
		if err != nil {
			return err
		}
		if matched {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resolve(name)
			}()
		}
	}
	wg.Wait()
	return nil
}

// Twin: each name is its own pattern, so a later round can fail after
// earlier ones started their goroutines.
func resolveEachPattern(patterns []string, name string) error {
	var wg sync.WaitGroup
	for _, p := range patterns {
		matched, err := filepath.Match(p, name)
		if err != nil {
			return err
		}
		if matched {
			wg.Add(1) // want `wg.Add is not followed by wg.Wait on the path that returns at line 40; its goroutines outlive the function`
			go func() {
				defer wg.Done()
				resolve(p)
			}()
		}
	}
	wg.Wait()
	return nil
}
