package testfiles

var devToken = "IIDAdn1Ay5XL8Sb24WKyEa8wt"

var prodToken = "IIDAdn1Ay5XL8Sb24WKyEa8wt" // not reported: a test file
