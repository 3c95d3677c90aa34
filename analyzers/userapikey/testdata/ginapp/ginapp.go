// Package ginapp holds gin handlers.
package ginapp

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"

	"userapikeytest/model"
)

var (
	users model.UserStore
	store = sessions.NewCookieStore([]byte("k"))
)

// Positive shapes.

func login(c *gin.Context) {
	if _, err := users.ByAPIKey(c, c.GetHeader("X-API-Key")); err != nil { // want `API key from the header "X-API-Key" logs a person in \(cookie "session_id"\)`
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.SetCookie("session_id", model.NewSessionID(), 3600, "/", "", true, true)
}

func formLogin(c *gin.Context) {
	u, _ := users.ByAPIKey(c, c.PostForm("api_key")) // want `API key from the form field "api_key" logs a person in \(a session\)`
	s, _ := store.Get(c.Request, "app")
	s.Values["uid"] = u.ID
	_ = sessions.Save(c.Request, c.Writer)
}

func page(c *gin.Context) {
	u, _ := users.ByAPIKey(c, c.Query("api_key")) // want `API key taken from the URL \(query parameter "api_key"\) on a route that serves browsers`
	c.HTML(http.StatusOK, "page.html", u)
}

func redirect(c *gin.Context) {
	_, _ = users.ByAPIKey(c, c.DefaultQuery("apikey", "")) // want `API key taken from the URL \(query parameter "apikey"\)`
	c.Redirect(http.StatusFound, "/home")
}

func getQuery(c *gin.Context) {
	k, _ := c.GetQuery("api_key") // want `API key taken from the URL`
	_, _ = users.ByAPIKey(c, k)
	c.HTML(http.StatusOK, "page.html", nil)
}

func keyFromCookie(c *gin.Context) {
	k, _ := c.Cookie("api_key") // want `API key read from cookie "api_key"`
	_, _ = users.ByAPIKey(c, k)
}

func keyToCookie(c *gin.Context, key string) {
	c.SetCookie("api_key", key, 0, "/", "", true, true) // want `API key stored in cookie "api_key"`
}

func userKeyToCookie(c *gin.Context, u *model.User) {
	c.SetCookie("remember", u.APIKey, 0, "/", "", true, true) // want `API key stored in cookie "remember"`
}

func userMiddleware(c *gin.Context) {
	u, err := users.ByAPIKey(c, c.GetHeader("X-Api-Key")) // want `API key from the header "X-Api-Key" resolves to User`
	if err != nil {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Set("user", u)
	c.Next()
}

func memberMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		m := users.MemberByKey(c.GetHeader("X-API-KEY")) // want `resolves to Member`
		c.Set("member", m)
	}
}

// Negative shapes.

func serviceMiddleware(c *gin.Context) {
	sa := users.ServiceByKey(c.GetHeader("X-API-Key"))
	c.Set("service", sa)
}

func appMiddleware(c *gin.Context) {
	a := users.AppByKey(c.GetHeader("X-API-Key"))
	c.Set("app", a)
}

func jsonAPI(c *gin.Context) {
	u, _ := users.ByAPIKey(c, c.Query("api_key"))
	c.JSON(http.StatusOK, u)
}

func pathKey(c *gin.Context) {
	_ = c.Param("apiKey") // a path parameter names a key to manage, it is no login
	c.HTML(http.StatusOK, "key.html", nil)
}

func pageQuery(c *gin.Context) {
	_ = c.Query("page")
	c.HTML(http.StatusOK, "list.html", nil)
}

func themeCookie(c *gin.Context) {
	_, _ = c.Cookie("theme")
	c.SetCookie("theme", "dark", 0, "/", "", false, false)
}

func bearerUser(c *gin.Context) {
	u, _ := users.ByAPIKey(c, c.GetHeader("Authorization"))
	c.Set("user", u)
}

func passwordLogin(c *gin.Context) {
	_, _ = users.ByPassword(c, c.PostForm("email"), c.PostForm("password"))
	c.SetCookie("session", model.NewSessionID(), 3600, "/", "", true, true)
}

func headerJSON(c *gin.Context) {
	_, _ = users.ByAPIKey(c, c.GetHeader("X-API-Key"))
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func magicLink(c *gin.Context) {
	_ = users.ByMagicToken(c.Query("token"))
	c.SetCookie("session", model.NewSessionID(), 3600, "/", "", true, true)
	c.Redirect(http.StatusFound, "/")
}
