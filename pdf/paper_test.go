package pdf_test

import (
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/pdf"
)

// TestPaperFor checks that -paper wins, and that without it a US site
// prints on Letter and every other on A4.
func TestPaperFor(t *testing.T) {
	a4, letter := pdf.Papers["a4"], pdf.Papers["letter"]
	tests := []struct {
		paper  pdf.Paper
		locale string
		want   pdf.Paper
	}{
		{pdf.Paper{}, "en-US", letter},
		{pdf.Paper{}, "en-GB", a4},
		{pdf.Paper{}, "sv-SE", a4},
		{pdf.Paper{}, "", a4},
		{a4, "en-US", a4},
		{letter, "sv-SE", letter},
	}
	for _, tt := range tests {
		if got := pdf.PaperFor(tt.paper, okrsite.Settings{Locale: tt.locale}); got != tt.want {
			t.Errorf("PaperFor(%v, %q) = %v, want %v", tt.paper, tt.locale, got, tt.want)
		}
	}
}
