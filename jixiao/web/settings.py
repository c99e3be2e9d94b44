"""Django settings, read from the environment (see :mod:`jixiao.web.env`).

Development defaults are safe to run on a laptop: DEBUG on, SQLite in ``var/``, localhost only.
A deployment sets ``JIXIAO_DEBUG=false``, ``JIXIAO_SECRET_KEY``, ``JIXIAO_ALLOWED_HOSTS`` and
``DATABASE_URL``; without a secret key a non-debug start is refused. Outside debug, HTTPS is
assumed (secure cookies, redirect to HTTPS, HSTS for a year) unless ``JIXIAO_HTTPS=false``; the
README's configuration section lists every variable.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from jixiao.web.env import (
    SettingError,
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_required,
    env_str,
)

REPO_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("JIXIAO_VAR_DIR", str(REPO_DIR / "var")))

DEBUG = env_bool("JIXIAO_DEBUG", True)
SECRET_KEY = env_str("JIXIAO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise SettingError("JIXIAO_SECRET_KEY must be set when JIXIAO_DEBUG is false")
    SECRET_KEY = "dev-only-not-secret-jixiao"  # refused above outside debug
if not DEBUG and len(SECRET_KEY) < 50:
    # Django's own deploy check asks for 50 characters; a short key is guessable.
    raise SettingError(
        "JIXIAO_SECRET_KEY must be at least 50 characters when JIXIAO_DEBUG is false "
        '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )
ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

# Background work goes through Django's Tasks API (the django-tasks backport; on Django 6 the
# import becomes django.tasks). "database" keeps the queue in the application's own database and
# needs no other server: the embedded default. "rq" puts it on Redis for any number of workers on
# any number of machines. "immediate" runs a task inside the request: for a quick look only.
TASK_BACKEND = env_choice("JIXIAO_TASKS", "database", ["database", "rq", "immediate"])
TASK_APPS = {
    "database": ["jixiao.web.jobs.queue_app.TaskQueueConfig"],  # django_tasks_db, named in Chinese
    "rq": ["django_rq", "django_tasks_rq"],
    "immediate": [],
}[TASK_BACKEND]
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_BACKEND],
        "QUEUES": ["default"],
    }
}
if TASK_BACKEND == "rq":
    RQ_QUEUES = {"default": {"URL": env_str("JIXIAO_REDIS_URL", "redis://127.0.0.1:6379/0")}}
# /readyz reports not ready when no worker has been heard from for this long (workers beat
# every JIXIAO_WORKER_BEAT seconds).
WORKER_BEAT_SECONDS = env_int("JIXIAO_WORKER_BEAT", 15, minimum=1)
WORKER_STALE_SECONDS = env_int("JIXIAO_WORKER_STALE", 60, minimum=2)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' scripts locally instead of from a CDN
    "simple_history",
    "django_tasks",
    *TASK_APPS,
    "jixiao.web.organisations",
    "jixiao.web.documents",
    "jixiao.web.evaluations",
    "jixiao.web.api",
    "jixiao.web.dashboards",
    "jixiao.web.consolidation",
    "jixiao.web.portal",
    "jixiao.web.linking",
    "jixiao.web.targets",
    "jixiao.web.monitoring",
    "jixiao.web.evidence",
    "jixiao.web.sealing",
    "jixiao.web.jobs",
    "jixiao.web.ops",
    "jixiao.web.indicators",
    "jixiao.web.review",
    "jixiao.web.notifications",
    "jixiao.web.season",
    "jixiao.web.accounts",
    "axes",
    "django_cas_ng",
]

MIDDLEWARE = [
    "jixiao.web.ops.requests.RequestIdMiddleware",  # first: every later log line has the id
    "django.middleware.security.SecurityMiddleware",
    # Static files from the Python process (compressed, cached for ever when hashed): one
    # process to deploy; nginx may serve STATIC_ROOT itself instead (docs/deploy.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A full disk (ENOSPC) met by a request: a Chinese page saying nothing was kept.
    "jixiao.web.ops.storage.StorageFullPage",
    "jixiao.web.accounts.middleware.SessionPolicyMiddleware",
    "jixiao.web.method_page.MethodNotAllowedPage",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.accounts.context_processors.session_policy",
                "jixiao.web.organisations.context_processors.nav",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
DATABASES = {"default": database_from_url(DATABASE_URL, VAR_DIR / "jixiao.sqlite3")}
# Seconds a new PostgreSQL connection waits for a restarting server (ops/pg/base.py); 0: none.
DB_CONNECT_PATIENCE = env_int("JIXIAO_DB_CONNECT_PATIENCE", 3)
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords (等保 2.0): length, several character classes, not a common password, not like the
# person's name. Checked when a password is set, not at login.
PASSWORD_MIN_LENGTH = env_int("JIXIAO_PASSWORD_MIN_LENGTH", 12, minimum=8)
PASSWORD_MIN_CLASSES = env_int("JIXIAO_PASSWORD_MIN_CLASSES", 3, minimum=1)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "jixiao.web.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "jixiao.web.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "jixiao.web.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "jixiao.web.accounts.validators.CommonPasswordValidator"},
    {"NAME": "jixiao.web.accounts.validators.NumericPasswordValidator"},
]

# Brute force (django-axes): after this many failed logins an account, and separately an
# address, is locked for a while; /login/, /admin/login/ and API tokens all count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("JIXIAO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("JIXIAO_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jixiao.web.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # shown in Chinese by the accounts app (登录失败与锁定)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Single sign-on (统一身份认证), each off by default. A signed-in person is placed by two
# claims (OIDC) or attributes (CAS): the organisation's name and the role (code or label).
OIDC_ENABLED = env_bool("JIXIAO_OIDC_ENABLED", False)
CAS_ENABLED = env_bool("JIXIAO_CAS_ENABLED", False)
SSO_ORGANISATION_CLAIM = env_str("JIXIAO_SSO_ORGANISATION_CLAIM", "organisation")
SSO_ROLE_CLAIM = env_str("JIXIAO_SSO_ROLE_CLAIM", "role")
OIDC_USERNAME_CLAIM = env_str("JIXIAO_OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_RP_CLIENT_ID = env_str("JIXIAO_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("JIXIAO_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("JIXIAO_OIDC_AUTHORIZATION_URL", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("JIXIAO_OIDC_TOKEN_URL", "")
OIDC_OP_USER_ENDPOINT = env_str("JIXIAO_OIDC_USERINFO_URL", "")
OIDC_OP_JWKS_ENDPOINT = env_str("JIXIAO_OIDC_JWKS_URL", "") or None
OIDC_RP_SIGN_ALGO = env_str("JIXIAO_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid profile"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/account/unmapped/"
CAS_SERVER_URL = env_str("JIXIAO_CAS_SERVER_URL", "")
CAS_VERSION = "3"
CAS_CREATE_USER = True
CAS_REDIRECT_URL = "/"
CAS_LOGIN_MSG = None  # jixiao's own pages say it
if OIDC_ENABLED:
    missing = [
        name
        for name, value in (
            ("JIXIAO_OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID),
            ("JIXIAO_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("JIXIAO_OIDC_AUTHORIZATION_URL", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("JIXIAO_OIDC_TOKEN_URL", OIDC_OP_TOKEN_ENDPOINT),
            ("JIXIAO_OIDC_USERINFO_URL", OIDC_OP_USER_ENDPOINT),
        )
        if not value
    ]
    if missing:
        raise SettingError("JIXIAO_OIDC_ENABLED needs " + ", ".join(missing))
    AUTHENTICATION_BACKENDS.append("jixiao.web.accounts.sso.OIDCBackend")
if CAS_ENABLED:
    if not CAS_SERVER_URL:
        raise SettingError("JIXIAO_CAS_ENABLED needs JIXIAO_CAS_SERVER_URL")
    AUTHENTICATION_BACKENDS.append("jixiao.web.accounts.sso.CASLoginBackend")
# LDAP (django-auth-ldap, the "ldap" extra): the person signs in on jixiao's own login page with
# the directory's name and password. Placed by two attributes of their entry, or the role by a
# group (JIXIAO_LDAP_GROUP_BASE: groupOfNames under it, named by a role's code or label).
LDAP_ENABLED = env_bool("JIXIAO_LDAP_ENABLED", False)
LDAP_ORGANISATION_ATTR = env_str("JIXIAO_LDAP_ORGANISATION_ATTR", "o")
LDAP_ROLE_ATTR = env_str("JIXIAO_LDAP_ROLE_ATTR", "employeeType")
AUTH_LDAP_SERVER_URI = env_str("JIXIAO_LDAP_URL", "")
AUTH_LDAP_USER_DN_TEMPLATE = env_str("JIXIAO_LDAP_USER_DN_TEMPLATE", "") or None
AUTH_LDAP_BIND_DN = env_str("JIXIAO_LDAP_BIND_DN", "")
AUTH_LDAP_BIND_PASSWORD = env_str("JIXIAO_LDAP_BIND_PASSWORD", "")
AUTH_LDAP_START_TLS = env_bool("JIXIAO_LDAP_START_TLS", False)
AUTH_LDAP_USER_ATTR_MAP = {"first_name": env_str("JIXIAO_LDAP_NAME_ATTR", "cn")}
AUTH_LDAP_ALWAYS_UPDATE_USER = True
LDAP_GROUP_BASE = env_str("JIXIAO_LDAP_GROUP_BASE", "")
if LDAP_ENABLED:
    if not AUTH_LDAP_SERVER_URI or not AUTH_LDAP_USER_DN_TEMPLATE:
        raise SettingError(
            "JIXIAO_LDAP_ENABLED needs JIXIAO_LDAP_URL and JIXIAO_LDAP_USER_DN_TEMPLATE"
        )
    try:
        from django_auth_ldap.config import GroupOfNamesType, LDAPSearch
    except ImportError as missing_library:
        raise SettingError(
            "JIXIAO_LDAP_ENABLED needs the ldap extra: pip install -e '.[ldap]'"
        ) from missing_library
    if LDAP_GROUP_BASE:
        import ldap

        AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
            LDAP_GROUP_BASE, ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
        )
        AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
    AUTHENTICATION_BACKENDS.append("jixiao.web.accounts.sso_ldap.LDAPLoginBackend")

# Sessions: an idle timeout and an absolute lifetime, whatever the activity.
JIXIAO_SESSION_IDLE_SECONDS = env_int("JIXIAO_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
JIXIAO_SESSION_MAX_SECONDS = env_int("JIXIAO_SESSION_MAX_HOURS", 8, minimum=1) * 3600
SESSION_COOKIE_AGE = JIXIAO_SESSION_MAX_SECONDS

# API tokens expire after this many days unless their owner chooses a shorter life.
API_TOKEN_DAYS = env_int("JIXIAO_API_TOKEN_DAYS", 90, minimum=1)
API_RATE = env_str("JIXIAO_API_RATE", "600/m")
# Caches. The API throttle counts each person's requests in a cache every worker process sees
# (gunicorn runs several, on one machine or many): the database's own cache table, made by the
# migrations (api 0003). The default cache stays in each process's memory (hints only).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jixiao_shared_cache",
    },
}
API_THROTTLE_CACHE = "shared"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [Path(__file__).parent / "static"]
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    # Filled by collectstatic in a deployment; in development WhiteNoise reads the apps' folders
    # and only needs this one to exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Files the system writes or receives (job results, open-data files, uploads) go through Django's
# storage API, so that several nodes can share them: a folder by default (on shared storage when
# there are several nodes).
MEDIA_ROOT = Path(env_str("JIXIAO_FILES_DIR", str(VAR_DIR / "files")))
# JIXIAO_STORAGE=s3 puts them on S3-compatible object storage instead (the "s3" extra), private,
# served through jixiao, which checks who may read them.
STORAGE = env_choice("JIXIAO_STORAGE", "filesystem", ["filesystem", "s3"])
STORAGES = {
    "default": (
        # Each file written whole or not at all (a full disk leaves no half file).
        {"BACKEND": "jixiao.web.ops.storage.WholeFileSystemStorage"}
        if STORAGE == "filesystem"
        else {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_required("JIXIAO_S3_BUCKET"),
                "endpoint_url": env_str("JIXIAO_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("JIXIAO_S3_REGION", "") or None,
                "access_key": env_str("JIXIAO_S3_ACCESS_KEY", "") or None,
                "secret_key": env_str("JIXIAO_S3_SECRET_KEY", "") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    ),
    # collectstatic writes a compressed copy beside each file for WhiteNoise to send.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "evaluations:list"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie; the token travels in a header from the page
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
HTTPS = not DEBUG and env_bool("JIXIAO_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("JIXIAO_SSL_REDIRECT", True)
# A year, as browsers' preload lists expect; subdomains are left out by default because a
# government domain's other sites may still be served over plain HTTP.
SECURE_HSTS_SECONDS = env_int("JIXIAO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JIXIAO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("JIXIAO_HSTS_PRELOAD", False)
# Load balancers probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("JIXIAO_BEHIND_PROXY", False):
    # The proxy terminates TLS and says so; without this, the redirect to HTTPS would loop.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Lockouts by address need the client's, which the proxy forwards (its own is last).
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 1

# Content-Security-Policy (django-csp), in debug too: scripts and styles come from this site
# only; no inline script runs. Inline style attributes and the print layouts' <style> blocks
# are allowed ('unsafe-inline' for styles only), as the official layouts are drawn that way.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Uploaded forms are read in memory up to this size; the import page refuses bigger files and
# PDFs of more pages (a form has a few; the command line reads whole publications).
IMPORT_MAX_BYTES = env_int("JIXIAO_IMPORT_MAX_MB", 20, minimum=1) * 1024 * 1024
IMPORT_MAX_PAGES = env_int("JIXIAO_IMPORT_MAX_PAGES", 100, minimum=1)
# What was read waits server-side for the person's confirmation, this long and up to this size.
IMPORT_PREVIEW_SECONDS = env_int("JIXIAO_IMPORT_PREVIEW_MINUTES", 60, minimum=1) * 60
IMPORT_PREVIEW_MAX_BYTES = env_int("JIXIAO_IMPORT_PREVIEW_MAX_MB", 5, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# A bureau's own rule sets: directories (":"-separated) of JSON files read beside the bundled
# ones, so a new rule set or a new version of one needs no release.
JIXIAO_RULESETS_DIR = env_str("JIXIAO_RULESETS_DIR", "")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Notifications. E-mail goes through this SMTP server (README: 通知); without JIXIAO_EMAIL_HOST
# it is written to the console in development. Links in e-mails and robot messages start with
# JIXIAO_SITE_URL (e.g. https://jixiao.example.gov.cn).
EMAIL_HOST = env_str("JIXIAO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("JIXIAO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("JIXIAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("JIXIAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("JIXIAO_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("JIXIAO_EMAIL_SSL", False)
EMAIL_TIMEOUT = env_int("JIXIAO_EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("JIXIAO_EMAIL_FROM", "jixiao@localhost")
JIXIAO_SITE_URL = env_str("JIXIAO_SITE_URL", "")
JIXIAO_WEBHOOK_TIMEOUT = env_int("JIXIAO_WEBHOOK_TIMEOUT", 10, minimum=1)
NOTIFICATION_MAX_ATTEMPTS = env_int("JIXIAO_NOTIFICATION_ATTEMPTS", 5, minimum=1)
# Evidence files (佐证材料) and sealed PDFs are kept through the storage named here (STORAGES
# above: the files folder by default, S3-compatible storage when STORAGES says so).
EVIDENCE_STORAGE = env_str("JIXIAO_EVIDENCE_STORAGE", "default")
EVIDENCE_MAX_BYTES = env_int("JIXIAO_EVIDENCE_MAX_MB", 20, minimum=1) * 1024 * 1024
EVIDENCE_FORM_MAX_BYTES = env_int("JIXIAO_EVIDENCE_FORM_MAX_MB", 200, minimum=1) * 1024 * 1024

# The bureau's signing certificate for published PDFs (PAdES): a PKCS#12 file and its password,
# given directly or as a file holding it (a mounted secret). Never stored in the database.
SIGNING_PKCS12 = env_str("JIXIAO_SIGNING_PKCS12", "")
SIGNING_PASSWORD = env_str("JIXIAO_SIGNING_PASSWORD", "")
SIGNING_PASSWORD_FILE = env_str("JIXIAO_SIGNING_PASSWORD_FILE", "")

# Logs go to standard error (journald, docker, gunicorn's error log), one JSON object a line
# outside debug (JIXIAO_LOG_FORMAT=text for people), each with the request id. Server errors are
# logged with their traceback whatever DEBUG says: the 500 page promises they are.
LOG_FORMAT = env_choice("JIXIAO_LOG_FORMAT", "text" if DEBUG else "json", ["json", "text"])
LOG_LEVEL = env_choice("JIXIAO_LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jixiao.web.ops.requests.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "jixiao.web.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "loggers": {
        "jixiao": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django_tasks_db": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "rq": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
