// Package viper is a stub of github.com/spf13/viper.
package viper

// GetString returns the value of a config key.
func GetString(key string) string { return "" }
