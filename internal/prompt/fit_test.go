package prompt

import (
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/termtext"
)

func TestFitChain(t *testing.T) {
	long := []string{"acme-plat-ue2-prod-eks-admin", "acme-plat-gbl-prod-admin", "acme-core-gbl-identity-admin", "acme-sso"}
	for _, tc := range []struct {
		names []string
		width int
		want  string
	}{
		{[]string{"dev", "identity", "sso"}, SegmentWidth, "dev ← identity ← sso"},
		{[]string{"dev", "identity", "sso"}, 0, "dev ← identity ← sso"},
		{long, 0, strings.Join(long, " ← ")},
		// the hops between go first
		{long, 45, "acme-plat-ue2-prod-eks-admin ←…← acme-sso"},
		{long[2:], 39, "acme-core-gbl-identity-admin ← acme-sso"},
		// then the Primary's whole name, for its one short form
		{[]string{"dev", "acme-core-gbl-identity"}, 20, "dev ← …identity"},
		{[]string{"a-very-long-profile-name", "b-primary-of-many-words"}, 40, "a-very-long-profile-name ← …many-words"},
		// then the Primary: the profile's name stays whole
		{long, 36, "acme-plat-ue2-prod-eks-admin ←…"},
		{long, 30, "acme-plat-ue2-prod-eks-admin"},
		// last the middle of the profile's name: its end tells it apart
		{long, 24, "acme-pl…2-prod-eks-admin"},
		{[]string{"acme-plat-ue2-prod-eks-readonly", "acme-sso"}, 29, "acme-plat…2-prod-eks-readonly"},
		{[]string{"開発環境プロファイル", "sso"}, 14, "開発…ファイル"},
		{[]string{"acme-plat-ue2-prod-eks-admin"}, 20, "acme-p…rod-eks-admin"},
		// each form is taken when it fits exactly
		{[]string{"dev", "identity", "sso"}, 11, "dev ←…← sso"},
		{[]string{"dev", "identity", "sso"}, 10, "dev ←…"},
	} {
		got := FitChain(tc.names, tc.width)
		if got != tc.want {
			t.Errorf("FitChain(%q, %d) = %q, want %q", tc.names, tc.width, got, tc.want)
		}
		if tc.width > 0 && termtext.Width(got) > tc.width {
			t.Errorf("FitChain(%q, %d) = %q: %d columns", tc.names, tc.width, got, termtext.Width(got))
		}
	}
}

// A Primary has one short form, whatever the room: the whole name, or
// "…" and its last words.
func TestShort(t *testing.T) {
	for name, want := range map[string]string{
		"sso":                            "sso",
		"acme-sso":                       "acme-sso",
		"identity-sso":                   "identity-sso",
		"acme-core-gbl-identity":         "…identity",
		"acme-core-gbl-identity-admin":   "…admin",
		"corp_identity.center":           "…center",
		"averyveryverylongname":          "…erylongname",
		"acme-core-gbl-supercalifragile": "…califragile",
		// the last word at the limit (11 columns after "…"), one past it,
		// and a break only at the very end
		"acme-core-identityxxx":  "…identityxxx",
		"acme-core-identityxxxx": "…dentityxxxx",
		"averyveryverylongname-": "…rylongname-",
		"acme-core-identity-xy":  "…identity-xy",
	} {
		if got := Short(name); got != want || termtext.Width(got) > ShortWidth {
			t.Errorf("Short(%q) = %q, want %q (at most %d columns)", name, got, want, ShortWidth)
		}
	}
}
