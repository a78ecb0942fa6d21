//go:build !linux

package publish

// exchange swaps two folders with renames.
func exchange(a, b string) error { return exchangeByRename(a, b) }
