// want package:"secrets\\(5\\)"

// Package directives holds suppressed findings.
package directives

var devToken = "u8jzPde0IgxLd6GncfBAepfJ"

//keylint:ignore KL106 rotated together with dev, ticket SEC-12
var prodToken = "u8jzPde0IgxLd6GncfBAepfJ"

var stagingToken = "u8jzPde0IgxLd6GncfBAepfJ" //nolint:keylint

var qaToken = "u8jzPde0IgxLd6GncfBAepfJ" //keylint:ignore KL101 another rule // want `environment "qaToken" has the same token as "devToken"`

// want +2 `keylint:ignore directive for KL106 needs a reason \(KL106\)`
//
//keylint:ignore KL106
var uatToken = "u8jzPde0IgxLd6GncfBAepfJ" // want `environment "uatToken" has the same token`
