// Package loggers holds the sinks of the logging modules: zap, logrus,
// zerolog, klog and glog.
package loggers

import (
	"github.com/golang/glog"
	"github.com/rs/zerolog"
	zlog "github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"k8s.io/klog/v2"
)

type config struct {
	Name     string
	APIKey   string
	KeyID    string
	TokenURL string
}

func zapLogger(l *zap.Logger, cfg config) {
	l.Info("start", zap.String("key", cfg.APIKey))        // want `api key "config.APIKey" reaches \(\*zap.Logger\).Info`
	l.Debug("start", zap.Any("key", cfg.APIKey))          // want `api key "config.APIKey" reaches \(\*zap.Logger\).Debug`
	l.Error("x", zap.ByteString("k", []byte(cfg.APIKey))) // want `api key "config.APIKey" reaches \(\*zap.Logger\).Error`
	l.With(zap.String("key", cfg.APIKey)).Info("x")       // want `api key "config.APIKey" reaches \(\*zap.Logger\).With`
	l.Warn("x", zap.Any("cfg", cfg))                      // want `struct with api key "config.APIKey" reaches \(\*zap.Logger\).Warn`
	l.Info("start", zap.String("name", cfg.Name))         // ok: not a key
	l.Info("start", zap.String("key_id", cfg.KeyID))      // ok: a key ID names a key, it is not one
	l.Info("start", zap.String("url", cfg.TokenURL))      // ok: where a token is fetched
	l.Info("start", zap.Int("len", len(cfg.APIKey)))      // ok: a length
	_ = zap.String("key", cfg.APIKey)                     // ok: a field never logged
}

func zapSugar(s *zap.SugaredLogger, token string) {
	s.Infof("token %s", token)                 // want `token "token" reaches \(\*zap.SugaredLogger\).Infof`
	s.Infow("login", "token", token)           // want `token "token" reaches \(\*zap.SugaredLogger\).Infow`
	s.Errorln(token)                           // want `token "token" reaches \(\*zap.SugaredLogger\).Errorln`
	s.With("token", token).Info("x")           // want `token "token" reaches \(\*zap.SugaredLogger\).With`
	s.Infof("token type %T", token)            // ok: %T
	s.Infow("login", "has_token", token != "") // ok: a comparison
}

func logrusLogger(l *logrus.Logger, e *logrus.Entry, secret string) {
	logrus.Infof("secret %s", secret)                       // want `secret "secret" reaches logrus.Infof`
	logrus.WithField("secret", secret).Info("x")            // want `secret "secret" reaches logrus.WithField`
	l.WithFields(logrus.Fields{"secret": secret}).Warn("x") // want `secret "secret" reaches \(\*logrus.Logger\).WithFields`
	e.Debug(secret)                                         // want `secret "secret" reaches \(\*logrus.Entry\).Debug`
	l.Println("x", secret)                                  // want `secret "secret" reaches \(\*logrus.Logger\).Println`
	logrus.WithField("secret_set", secret != "").Info("x")  // ok: a comparison
	l.WithFields(logrus.Fields{"n": len(secret)}).Info("x") // ok: a length
	logrus.SetLevel(logrus.DebugLevel)                      // ok: not a sink
}

func zerologLogger(l zerolog.Logger, password string) {
	l.Info().Str("password", password).Msg("x") // want `password "password" reaches \(\*zerolog.Event\).Str`
	l.Error().Msgf("pw %s", password)           // want `password "password" reaches \(\*zerolog.Event\).Msgf`
	l.Debug().Msg(password)                     // want `password "password" reaches \(\*zerolog.Event\).Msg`
	zlog.Printf("pw %s", password)              // want `password "password" reaches log.Printf`
	lg := l.With().Str("pw", password).Logger() // want `password "password" reaches \(zerolog.Context\).Str`
	lg.Info().Send()
	l.Info().Int("pw_len", len(password)).Msg("x") // ok: a length
	l.Info().Bool("pw_set", password != "").Send() // ok: a comparison
}

func klogGlog(bearer string) {
	klog.Infof("bearer %s", bearer)            // want `token "bearer" reaches klog.Infof`
	klog.InfoS("auth", "bearer", bearer)       // want `token "bearer" reaches klog.InfoS`
	klog.V(2).Infof("bearer %s", bearer)       // want `token "bearer" reaches \(klog.Verbose\).Infof`
	klog.ErrorS(nil, "auth", "b", bearer)      // want `token "bearer" reaches klog.ErrorS`
	glog.Infof("bearer %s", bearer)            // want `token "bearer" reaches glog.Infof`
	glog.V(1).Info(bearer)                     // want `token "bearer" reaches \(glog.Verbose\).Info`
	glog.Warningln(bearer)                     // want `token "bearer" reaches glog.Warningln`
	klog.Infof("bearer set: %v", bearer != "") // ok: a comparison
	glog.Infof("bearer type %T", bearer)       // ok: %T
}
