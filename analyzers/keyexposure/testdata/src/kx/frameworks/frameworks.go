// Package frameworks holds keys that reach the response helpers of gin,
// echo and chi handlers, and of go-chi/render.
package frameworks

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/render"
	"github.com/labstack/echo/v4"
)

// Credential is a stored credential.
type Credential struct {
	ID          string `json:"id"`
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
}

// Masked is a credential fit for listing.
type Masked struct {
	ID          string `json:"id"`
	AccessToken string `json:"-"`
	Last4       string `json:"last4"`
}

func lookup(id string) Credential   { return Credential{ID: id} }
func lookupMasked(id string) Masked { return Masked{ID: id} }

func ginRoutes(r *gin.Engine) {
	r.GET("/cred/:id", func(c *gin.Context) {
		cred := lookup(c.Param("id"))
		c.JSON(http.StatusOK, cred) // want `struct with token "Credential.AccessToken" reaches \(\*gin.Context\).JSON`
	})
	r.GET("/token/:id", func(c *gin.Context) {
		cred := lookup(c.Param("id"))
		c.String(http.StatusOK, "token %s", cred.AccessToken)               // want `token "Credential.AccessToken" reaches \(\*gin.Context\).String`
		c.IndentedJSON(http.StatusOK, gin.H{"token": cred.AccessToken})     // want `token "Credential.AccessToken" reaches \(\*gin.Context\).IndentedJSON`
		c.Header("X-Token", cred.AccessToken)                               // want `token "Credential.AccessToken" reaches \(\*gin.Context\).Header`
		c.AbortWithStatusJSON(401, gin.H{"bad": cred.AccessToken})          // want `token "Credential.AccessToken" reaches \(\*gin.Context\).AbortWithStatusJSON`
		c.Writer.WriteString(cred.AccessToken)                              // want `token "Credential.AccessToken" reaches \(gin.ResponseWriter\).WriteString`
		c.JSON(http.StatusOK, gin.H{"id": cred.ID, "type": cred.TokenType}) // ok: no token
		c.JSON(http.StatusOK, lookupMasked(cred.ID))                        // ok: the token is tagged json:"-"
	})
	r.GET("/echo", func(c *gin.Context) {
		auth := c.GetHeader("Authorization")
		c.String(http.StatusOK, "you sent %s", auth)                   // want `value of header "Authorization" reaches \(\*gin.Context\).String`
		c.String(http.StatusOK, "agent %s", c.GetHeader("User-Agent")) // ok: not a credential header
	})
}

func ginCreate(c *gin.Context) {
	tok := issueToken()
	c.JSON(http.StatusCreated, gin.H{"token": tok}) // ok: the response that issues the token
}

func issueToken() string { return "t" }

func echoRoutes(e *echo.Echo) {
	e.GET("/cred/:id", func(c echo.Context) error {
		cred := lookup(c.Param("id"))
		if cred.ID == "" {
			return echo.NewHTTPError(404, "no credential for "+cred.AccessToken) // want `token "Credential.AccessToken" reaches echo.NewHTTPError`
		}
		return c.JSON(http.StatusOK, cred) // want `struct with token "Credential.AccessToken" reaches \(echo.Context\).JSON`
	})
	e.GET("/token/:id", func(c echo.Context) error {
		cred := lookup(c.Param("id"))
		return c.String(http.StatusOK, cred.AccessToken) // want `token "Credential.AccessToken" reaches \(echo.Context\).String`
	})
	e.GET("/blob/:id", func(c echo.Context) error {
		cred := lookup(c.Param("id"))
		return c.Blob(http.StatusOK, "text/plain", []byte(cred.AccessToken)) // want `token "Credential.AccessToken" reaches \(echo.Context\).Blob`
	})
	e.GET("/masked/:id", func(c echo.Context) error {
		return c.JSON(http.StatusOK, lookupMasked(c.Param("id"))) // ok: the token is tagged json:"-"
	})
	e.GET("/type/:id", func(c echo.Context) error {
		cred := lookup(c.Param("id"))
		return c.String(http.StatusOK, cred.TokenType) // ok: the token type
	})
}

func chiRoutes(r chi.Router) {
	r.Get("/cred/{id}", func(w http.ResponseWriter, r *http.Request) {
		cred := lookup(chi.URLParam(r, "id"))
		json.NewEncoder(w).Encode(cred) // want `struct with token "Credential.AccessToken" reaches \(\*json.Encoder\).Encode`
	})
	r.Get("/token/{id}", func(w http.ResponseWriter, r *http.Request) {
		cred := lookup(chi.URLParam(r, "id"))
		fmt.Fprint(w, cred.AccessToken) // want `token "Credential.AccessToken" reaches fmt.Fprint`
		fmt.Fprint(w, cred.ID)          // ok: the ID
	})
	r.Post("/token/rotate", rotateToken)
}

func rotateToken(w http.ResponseWriter, r *http.Request) {
	cred := lookup("x")
	json.NewEncoder(w).Encode(cred) // ok: a rotation shows the new token once
}

func renderRoutes(r chi.Router) {
	r.Get("/render/{id}", func(w http.ResponseWriter, r *http.Request) {
		cred := lookup(chi.URLParam(r, "id"))
		render.JSON(w, r, cred)                                    // want `struct with token "Credential.AccessToken" reaches render.JSON`
		render.PlainText(w, r, cred.AccessToken)                   // want `token "Credential.AccessToken" reaches render.PlainText`
		render.Data(w, r, []byte(cred.AccessToken))                // want `token "Credential.AccessToken" reaches render.Data`
		render.HTML(w, r, "<p>"+cred.AccessToken+"</p>")           // want `token "Credential.AccessToken" reaches render.HTML`
		render.XML(w, r, cred)                                     // want `struct with token "Credential.AccessToken" reaches render.XML`
		render.DefaultResponder(w, r, cred)                        // want `struct with token "Credential.AccessToken" reaches render.DefaultResponder`
		render.Respond(w, r, cred)                                 // want `struct with token "Credential.AccessToken" reaches render.Respond`
		render.Render(w, r, renderer{cred})                        // want `struct with token "Credential.AccessToken" reaches render.Render`
		render.JSON(w, r, struct{ Masked }{lookupMasked(cred.ID)}) // ok: the embedded token is tagged json:"-"
		render.JSON(w, r, lookupMasked(cred.ID))                   // ok: the token is tagged json:"-"
		render.PlainText(w, r, cred.TokenType)                     // ok: the token type
		render.JSON(w, r, map[string]string{"id": cred.ID})        // ok: no token
		render.Status(r, http.StatusOK)                            // ok: not a response body
		render.PlainText(w, r, fmt.Sprintf("%T", cred))            // ok: %T
		render.PlainText(w, r, cred.AccessToken[:4]+"…")           // ok: a prefix
	})
	r.Post("/render/token/rotate", func(w http.ResponseWriter, r *http.Request) {
		render.JSON(w, r, lookup("x")) // want `struct with token "Credential.AccessToken" reaches render.JSON`
	})
	r.Post("/render/token", createTokenRender)
}

// renderer renders a credential as the response.
type renderer struct{ Credential }

func (renderer) Render(w http.ResponseWriter, r *http.Request) error { return nil }

func createTokenRender(w http.ResponseWriter, r *http.Request) {
	render.JSON(w, r, Credential{ID: "c1", AccessToken: issueToken()}) // ok: the response that issues the token
	render.PlainText(w, r, r.Header.Get("Authorization"))              // want `value of header "Authorization" reaches render.PlainText`
}
