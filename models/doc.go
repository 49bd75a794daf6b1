// Package models holds the GORM models of the system of record and the pure
// domain rules that need no I/O: privilege levels and their ordering, contact
// roles, notice routing. It imports neither Temporal nor Gin.
package models
