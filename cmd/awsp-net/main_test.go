package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const (
	secret       = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET"
	sessionToken = "FwoGZXIvYXdzSESSIONTOKEN+/="
	creds        = `{"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "` + secret + `", "SessionToken": "` + sessionToken + `", "Expiration": "2026-12-05T13:00:00+00:00"}`
)

// endpoint is a stand-in federation endpoint: it checks the request as
// AWS documents it and answers a sign-in token.
func federationEndpoint(t *testing.T, status int, wantDuration string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var session map[string]string
		if err := json.Unmarshal([]byte(q.Get("Session")), &session); err != nil {
			t.Errorf("Session is not JSON: %v", err)
		}
		want := map[string]string{"sessionId": "ASIAEXAMPLE", "sessionKey": secret, "sessionToken": sessionToken}
		if r.Method != http.MethodGet || r.URL.Path != "/federation" || q.Get("Action") != "getSigninToken" || q.Get("SessionDuration") != wantDuration || len(q) != 2+min(1, len(wantDuration)) {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		for k, v := range want {
			if session[k] != v || len(session) != 3 {
				t.Errorf("Session[%s] is not the credentials' (%d keys)", k, len(session))
			}
		}
		w.WriteHeader(status)
		w.Write([]byte(`{"SigninToken":"TOKEN/+="}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func federate(t *testing.T, srv string, input string, extra ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	args := append([]string{"federate", "--endpoint", srv + "/federation", "--destination", "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"}, extra...)
	code = run(args, strings.NewReader(input), &out, &errb, nil, http.DefaultClient)
	if strings.Contains(out.String()+errb.String(), secret) || strings.Contains(errb.String(), sessionToken) {
		t.Errorf("a secret was printed: %q %q", out.String(), errb.String())
	}
	return code, out.String(), errb.String()
}

func TestFederate(t *testing.T) {
	srv := federationEndpoint(t, 200, "")
	code, out, errs := federate(t, srv.URL, creds)
	want := srv.URL + "/federation?Action=login&Issuer=awsp&Destination=" + url.QueryEscape("https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1") + "&SigninToken=TOKEN%2F%2B%3D\n"
	if code != 0 || out != want || errs != "" {
		t.Errorf("got %d %q %q, want %q", code, out, errs, want)
	}
	srv = federationEndpoint(t, 200, "7200")
	if code, out, _ := federate(t, srv.URL, creds, "--session-duration", "7200"); code != 0 || !strings.HasSuffix(out, "&SigninToken=TOKEN%2F%2B%3D\n") {
		t.Errorf("with a duration: %d %q", code, out)
	}
}

func TestFederateFails(t *testing.T) {
	refused := federationEndpoint(t, 400, "")
	closed := httptest.NewServer(nil)
	closed.Close()
	for _, c := range []struct{ name, srv, input, want string }{
		{"nothing from the AWS CLI", refused.URL, "", "awsp: no credentials came from the AWS CLI\n"},
		{"not JSON", refused.URL, "Unable to locate credentials", "awsp: what came from the AWS CLI is not its process credentials (Version 1, AccessKeyId, SecretAccessKey)\n"},
		{"long-term keys", refused.URL, `{"Version": 1, "AccessKeyId": "AKIAEXAMPLE", "SecretAccessKey": "` + secret + `"}`, "awsp: the AWS CLI gave long-term keys (an IAM user's), and the console's federation takes only a session's: open a profile that assumes a role\n"},
		{"refused", refused.URL, creds, "awsp: the federation endpoint " + strings.TrimPrefix(refused.URL, "http://") + " refused the session (HTTP 400): it takes a role's or a federated session, for at most its duration\n"},
		{"unreachable", closed.URL, creds, "awsp: the federation endpoint " + strings.TrimPrefix(closed.URL, "http://") + " could not be reached (dial tcp " + strings.TrimPrefix(closed.URL, "http://") + ": connect: connection refused)\n"},
		{"http elsewhere", "http://example.com", creds, "awsp: the federation endpoint \"http://example.com/federation\" is neither https nor http on the loopback interface\n"},
	} {
		code, out, errs := federate(t, c.srv, c.input)
		if code != exitFailed || out != "" || errs != c.want {
			t.Errorf("%s: got %d %q %q, want %q", c.name, code, out, errs, c.want)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"sync"}, {"federate"}, {"federate", "--endpoint", "https://x/federation"}} {
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb, nil, http.DefaultClient); code != exitFailed || out.Len() != 0 || !strings.HasPrefix(errb.String(), "awsp: ") || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%q: %d %q %q", args, code, out.String(), errb.String())
		}
	}
}
