// Package model holds the records the handlers look up.
package model

import "context"

type User struct {
	ID     int64
	Email  string
	APIKey string
}

type Account struct{ ID int64 }

type Member struct{ ID int64 }

type Customer struct{ ID int64 }

type ServiceAccount struct{ Name string }

type Client struct{ ID string }

type App struct{ Slug string }

type Principal struct{ Subject string }

type Integration struct{ ID, Name string }

type Bot struct{ Handle string }

type Session struct{ UserID int64 }

type UserStore struct{}

func (UserStore) ByAPIKey(ctx context.Context, key string) (*User, error)      { return &User{}, nil }
func (UserStore) ByPassword(ctx context.Context, e, p string) (*User, error)   { return &User{}, nil }
func (UserStore) AccountByKey(ctx context.Context, k string) (*Account, error) { return nil, nil }
func (UserStore) MemberByKey(k string) *Member                                 { return nil }
func (UserStore) CustomerByKey(k string) Customer                              { return Customer{} }
func (UserStore) ServiceByKey(k string) *ServiceAccount                        { return nil }
func (UserStore) ClientByKey(k string) *Client                                 { return nil }
func (UserStore) AppByKey(k string) *App                                       { return nil }
func (UserStore) PrincipalByKey(k string) *Principal                           { return nil }
func (UserStore) ByMagicToken(t string) *User                                  { return nil }
func (UserStore) ByCode(c string) *User                                        { return nil }

func (UserStore) IntegrationByKey(k string) (*Integration, error)         { return nil, nil }
func (UserStore) BotByKey(k string) *Bot                                  { return nil }
func (UserStore) BySession(ctx context.Context, id string) (*User, error) { return nil, nil }
func (UserStore) NewAPIKey(ctx context.Context, u *User) (string, error)  { return "", nil }
func (UserStore) Report(ctx context.Context, key string) ([]byte, error)  { return nil, nil }

// VerifySignature checks a webhook signature over body.
func VerifySignature(secret, body []byte, sig string) bool { return sig != "" }

func NewSessionID() string { return "s" }
