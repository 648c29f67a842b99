package app

import (
	"errors"

	"example.com/app/own"
	"example.com/lib"
)

var errEmpty = errors.New("empty item")

// Another module's stream: only receiving the rest is in this code's hands.
func firstEmpty(xs []string) error {
	for x := range lib.Items(xs) {
		if x == "" {
			return errEmpty // want `^this return leaves the loop receiving from its result channel early; the goroutine started by lib.Items blocks forever sending on its result channel; receive the rest before returning \(lib.Items is another module's: its send cannot give up from here\)$`
		}
	}
	return nil
}

// This module's stream: its send can also be made to give up.
func firstEmptyOwn(xs []string) error {
	for x := range own.Items(xs) {
		if x == "" {
			return errEmpty // want `^this return leaves the loop receiving from its result channel early; the goroutine started by own.Items blocks forever sending on its result channel; receive the rest before returning, or let own.Items's goroutine stop: its send needs a select on a channel this function closes$`
		}
	}
	return nil
}
