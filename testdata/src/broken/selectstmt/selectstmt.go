// Package selectstmt has select statements caught half-written.
package selectstmt

import (
	"context"
	"time"
)

func missingOperand(ctx context.Context, ch chan int) {
	go func() { ch <- 1 }()
	select {
	case <-:
	case <-ctx.Done():
		return
	}
}

func missingColon(ctx context.Context, ch chan int) int {
	go func() { ch <- 1 }()
	select {
	case v := <-ch
		return v
	case <-ctx.Done():
		return 0
	}
}

func sendWithoutValue(ctx context.Context, ch chan int) {
	select {
	case ch <- :
	case <-ctx.Done
	}
}

func notAComm(ctx context.Context) {
	select {
	case ctx.Done():
	case 1 + 2:
	case <-time.After:
	default
	}
}

func doneNotCalled(ctx context.Context, ch chan int) {
	go func() { ch <- 1 }()
	select {
	case <-ctx.Done:
		return
	case <-ch:
	}
}

func unclosed(ctx context.Context, ch chan int) {
	go func() { ch <- 1 }()
	select {
	case <-ch:
