// Package summary is scopevet's shared pass. It builds SSA for packages
// that start goroutines, use channels or call known concurrency APIs,
// and summarizes each function: which results are futures the caller
// must await, what it does with each parameter (awaits, lets escape,
// hands to a goroutine), whether it starts goroutines, and whether it
// observes cancellation. Summaries of other packages arrive as facts;
// the standard library and well-known modules have built-in models.
//
// The pass reports nothing. Checks ask it questions through Result.
package summary
