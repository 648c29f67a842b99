package tests

func serve() error { return nil }
