// Package echoapp holds echo handlers.
package echoapp

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"userapikeytest/model"
)

var users model.UserStore

// Positive shapes.

func login(c echo.Context) error {
	if _, err := users.ByAPIKey(c.Request().Context(), c.FormValue("api_key")); err != nil { // want `API key from the form or query value "api_key" logs a person in \(cookie "sid"\)`
		return echo.ErrUnauthorized
	}
	c.SetCookie(&http.Cookie{Name: "sid", Value: model.NewSessionID()})
	return c.Redirect(http.StatusFound, "/")
}

func render(c echo.Context) error {
	u, _ := users.ByAPIKey(c.Request().Context(), c.QueryParam("api_key")) // want `API key taken from the URL \(query parameter "api_key"\)`
	return c.Render(http.StatusOK, "home", u)
}

func html(c echo.Context) error {
	_, _ = users.ByAPIKey(c.Request().Context(), c.QueryParam("apiKey")) // want `API key taken from the URL`
	return c.HTML(http.StatusOK, "<p>ok</p>")
}

func redirect(c echo.Context) error {
	_, _ = users.ByAPIKey(c.Request().Context(), c.QueryParam("api_key")) // want `API key taken from the URL`
	return c.Redirect(http.StatusFound, "/")
}

func keyFromCookie(c echo.Context) error {
	ck, err := c.Cookie("apikey") // want `API key read from cookie "apikey"`
	if err != nil {
		return err
	}
	_, err = users.ByAPIKey(c.Request().Context(), ck.Value)
	return err
}

func keyToCookie(c echo.Context, apiKey string) {
	c.SetCookie(&http.Cookie{Name: "apiKey", Value: apiKey}) // want `API key stored in cookie "apiKey"`
}

func userMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, err := users.ByAPIKey(c.Request().Context(), c.Request().Header.Get("X-API-Key")) // want `resolves to User`
		if err != nil {
			return echo.ErrUnauthorized
		}
		c.Set("user", u)
		return next(c)
	}
}

// Negative shapes.

func clientMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set("client", users.ClientByKey(c.Request().Header.Get("X-API-Key")))
		return next(c)
	}
}

func jsonAPI(c echo.Context) error {
	u, _ := users.ByAPIKey(c.Request().Context(), c.QueryParam("api_key"))
	return c.JSON(http.StatusOK, u)
}

func search(c echo.Context) error {
	_ = c.QueryParam("q")
	return c.Render(http.StatusOK, "search", nil)
}

func pathKey(c echo.Context) error {
	_ = c.Param("api_key")
	return c.HTML(http.StatusOK, "<p>key</p>")
}

func sessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: "sid", Value: model.NewSessionID()})
}

func passwordLogin(c echo.Context) error {
	_, _ = users.ByPassword(c.Request().Context(), c.FormValue("email"), c.FormValue("password"))
	c.SetCookie(&http.Cookie{Name: "session", Value: model.NewSessionID()})
	return c.Redirect(http.StatusFound, "/")
}

func headerRender(c echo.Context) error {
	_, _ = users.ByAPIKey(c.Request().Context(), c.Request().Header.Get("X-API-Key"))
	return c.Render(http.StatusOK, "home", nil) // the key is not in the URL
}
