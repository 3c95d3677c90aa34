package echoapp

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"userapikeytest/model"
)

// Negative shapes: every function here carries a "not reported" reason.

func botMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// not reported: a bot is a program's identity
		c.Set("bot", users.BotByKey(c.Request().Header.Get("X-API-Key")))
		return next(c)
	}
}

func bearerJSON(c echo.Context) error {
	// not reported: a bearer key on a JSON API
	u, err := users.ByAPIKey(c.Request().Context(), c.Request().Header.Get("Authorization"))
	if err != nil {
		return echo.ErrUnauthorized
	}
	return c.JSON(http.StatusOK, u)
}

func sessionMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// not reported: a session cookie, set after a real login
		ck, err := c.Cookie("session")
		if err != nil {
			return c.Redirect(http.StatusFound, "/login")
		}
		u, _ := users.BySession(c.Request().Context(), ck.Value)
		c.Set("user", u)
		return next(c)
	}
}

func webhook(c echo.Context) error {
	// not reported: a signed webhook
	body, _ := io.ReadAll(c.Request().Body)
	if !model.VerifySignature([]byte("whsec"), body, c.Request().Header.Get("X-Signature")) {
		return echo.ErrUnauthorized
	}
	return c.NoContent(http.StatusNoContent)
}

func queryKeyJSONBlob(c echo.Context) error {
	// not reported: a JSON-only route
	data, _ := users.Report(c.Request().Context(), c.QueryParam("api_key"))
	return c.JSONBlob(http.StatusOK, data)
}
