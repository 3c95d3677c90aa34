package ginapp

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"userapikeytest/model"
)

// Negative shapes: every function here carries a "not reported" reason.

func integrationMiddleware(c *gin.Context) {
	// not reported: the key resolves to an integration, a program
	in, err := users.IntegrationByKey(c.GetHeader("X-API-Key"))
	if err != nil {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Set("integration", in)
	c.Next()
}

func bearerJSON(c *gin.Context) {
	// not reported: a bearer key on a JSON API
	key := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	u, _ := users.ByAPIKey(c, key)
	c.JSON(http.StatusOK, u)
}

func sessionMiddleware(c *gin.Context) {
	// not reported: a session cookie, set after a real login
	id, err := c.Cookie("session_id")
	if err != nil {
		c.Redirect(http.StatusFound, "/login")
		return
	}
	u, _ := users.BySession(c, id)
	c.Set("user", u)
}

func webhook(c *gin.Context) {
	// not reported: a signed webhook
	body, _ := c.GetRawData()
	if !model.VerifySignature([]byte("whsec"), body, c.GetHeader("X-Signature")) {
		c.AbortWithStatus(http.StatusUnauthorized)
	}
}

func queryKeyIndentedJSON(c *gin.Context) {
	// not reported: a JSON-only route
	data, _ := users.Report(c, c.Query("api_key"))
	c.IndentedJSON(http.StatusOK, data)
}

func botMiddleware(c *gin.Context) {
	// not reported: a bot is a program
	c.Set("bot", users.BotByKey(c.GetHeader("X-Api-Key")))
}
