//! The pages it serves: `/p/{page}` (the booking page), `/` (the public pages, or with `--demo`
//! the demo), the demo's page answers, and the files of `www/` and the package — with a strict
//! CSP, compression, and caching (pages revalidated each time, scripts fresh five minutes).

use std::sync::Arc;

use axum::{
    extract::{Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Router,
};
use tower_http::services::{ServeDir, ServeFile};

use crate::{
    error::ApiResult,
    service::{pages, App},
    settings::Settings,
    time::now_ms,
};

pub fn router(app: Arc<App>, settings: &Settings) -> Router {
    let www = ServeDir::new(&settings.www_dir);
    let pkg = ServeDir::new(&settings.pkg_dir);
    let admin_dir = Arc::new(settings.www_dir.join("admin"));
    let mut r = Router::new()
        .route("/p/{page}", get(booking_page))
        // The visitor's page for one booking; it reads the manage token from the URL's fragment,
        // which no request carries.
        .route_service(
            "/manage/{id}",
            ServeFile::new(settings.www_dir.join("manage.html")),
        )
        .route("/demo/{file}", get(demo_answer))
        // The team's app (www/admin/): its screens are addresses under /admin/ that all open
        // index.html; its modules and styles are files beside it.
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(admin).with_state(admin_dir.clone()))
        .route("/admin/{*rest}", get(admin).with_state(admin_dir));
    if !settings.demo {
        r = r.route("/", get(page_list));
    }
    let mut r = r.with_state(app).nest_service("/pkg", pkg);
    for (prefix, dir) in &settings.mounts {
        r = r.nest_service(prefix, ServeDir::new(dir));
    }
    r.fallback_service(www).layer(middleware::from_fn(headers))
}

fn csp(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
         img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors}"
    )
}

async fn headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let framed = if path == "/embed.html" { "*" } else { "'self'" };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp(framed)).expect("ascii"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    let page = path.ends_with('/')
        || path.ends_with(".html")
        || path.ends_with(".json")
        || path.starts_with("/p/")
        || path.starts_with("/manage/");
    if !h.contains_key(header::CACHE_CONTROL) {
        let cache = if page {
            "no-cache"
        } else {
            "public, max-age=300"
        };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    res
}

/// HTML text: `&`, `<`, `>`, `"` and `'` escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn document(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n{head}<link rel=\"stylesheet\" href=\"/demo.css\">\n\
         </head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// The picker's languages with a table of their own (www/shared/i18n.js `LANGUAGES`, English
/// built in): the one a visitor's browser asks for first is preloaded with the element, or the
/// element would ask for it only once it runs (a round trip more before the first slot).
const PICKER_LANGUAGES: [&str; 9] = ["fr", "nl", "de", "es", "it", "pt", "ja", "ar", "he"];

/// The picker language of an `Accept-Language` header's first range ("fr-CH, en;q=0.5" → fr), if
/// it has a table; the browser's `navigator.language`, which the element reads, is that range.
fn picker_language(accept: Option<&str>) -> Option<&'static str> {
    let first = accept?.split(',').next()?.split(';').next()?.trim();
    let lang = first.split(['-', '_']).next()?.to_ascii_lowercase();
    PICKER_LANGUAGES.into_iter().find(|l| *l == lang)
}

async fn booking_page(
    State(app): State<Arc<App>>,
    Path(page): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let mut conn = match app.db.pool().acquire().await {
        Ok(c) => c,
        Err(e) => return crate::error::ApiError::from(e).into_response(),
    };
    let row = match crate::store::pages::get(&mut conn, &page).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            return (
                StatusCode::NOT_FOUND,
                Html(document(
                    "Not found",
                    "",
                    "<main><p>No such page.</p></main>\n",
                )),
            )
                .into_response()
        }
        Err(e) => return crate::error::ApiError::from(e).into_response(),
    };
    let title = pages::PageConfig::from_row(&row)
        .map(|c| c.title)
        .unwrap_or_default();
    // Ids are letters, digits, `-`, `_`, `.` (checked when the page was stored).
    let src = format!("/api/pages/{}", row.id);
    // The element as the package ships it (one bundled module) and the page's answer, whose first
    // times (`firstSlots`) are shown before the engine; the engine's modules and the zone index at
    // low priority, after those; the wasm not at all: the element asks for it when it runs, so on
    // a slow link the first times do not share the link with the engine (www/index.html does the
    // same; BENCHMARKS.md has the measurements).
    let mut head = format!(
        "<link rel=\"preload\" href=\"{src}\" as=\"fetch\" type=\"application/json\" crossorigin>\n\
         <link rel=\"preload\" href=\"/pkg/bookable-picker.css\" as=\"fetch\" type=\"text/css\" crossorigin>\n\
         <link rel=\"modulepreload\" href=\"/pkg/bookable-picker.js\">\n"
    );
    for module in [
        "bookable.js",
        "bookable_web.js",
        "api.js",
        "expand.js",
        "request.js",
        "zone-index.js",
    ] {
        head.push_str(&format!(
            "<link rel=\"modulepreload\" href=\"/pkg/{module}\" fetchpriority=\"low\">\n"
        ));
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    if let Some(lang) = picker_language(accept) {
        head.push_str(&format!(
            "<link rel=\"modulepreload\" href=\"/pkg/shared/i18n/{lang}.js\">\n"
        ));
    }
    head.push_str("<script type=\"module\" src=\"/pkg/bookable-picker.js\"></script>\n");
    // The page is the picker alone: its title is the page's <h1>.
    let body = format!(
        "<main class=\"booking\">\n<bookable-picker src=\"{src}\" heading-level=\"1\"></bookable-picker>\n</main>\n"
    );
    let mut res = Html(document(&title, &head, &body)).into_response();
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    res
}

async fn page_list(State(app): State<Arc<App>>) -> ApiResult<Html<String>> {
    let mut conn = app.db.pool().acquire().await?;
    let rows = crate::store::pages::all(&mut conn).await?;
    let mut items = String::new();
    for row in &rows {
        if let Ok(c) = pages::PageConfig::from_row(row) {
            items.push_str(&format!(
                "<li><a href=\"/p/{}\">{}</a></li>\n",
                row.id,
                escape(&c.title)
            ));
        }
    }
    if items.is_empty() {
        items.push_str("<li>No pages yet: an owner adds them with the admin API.</li>\n");
    }
    let body =
        format!("<main>\n<h1>Booking pages</h1>\n<ul class=\"pages\">\n{items}</ul>\n</main>\n");
    Ok(Html(document("Booking pages", "", &body)))
}

/// `/admin/…`: a file of `www/admin/` when one segment names it (`/admin/app.js`), else the app's
/// `index.html`, which reads the address itself.
async fn admin(State(dir): State<Arc<std::path::PathBuf>>, req: Request) -> Response {
    use tower::ServiceExt;
    // The app's files are all at its top (`/admin/app.js`); deeper addresses are screens, whose
    // ids may hold a dot (`/admin/members/a.b`).
    let rest = req.uri().path().strip_prefix("/admin/").unwrap_or("");
    let is_file = !rest.contains('/') && rest.contains('.');
    let served = if is_file {
        let req = strip_prefix(req, "/admin");
        ServeDir::new(dir.as_path()).oneshot(req).await
    } else {
        ServeFile::new(dir.join("index.html")).oneshot(req).await
    };
    match served {
        Ok(res) => res.map(axum::body::Body::new),
        Err(never) => match never {},
    }
}

fn strip_prefix(mut req: Request, prefix: &str) -> Request {
    let rest = req
        .uri()
        .path()
        .strip_prefix(prefix)
        .unwrap_or("/")
        .to_string();
    if let Ok(uri) = rest.parse() {
        *req.uri_mut() = uri;
    }
    req
}

/// `/demo/{page}.json`: the demo page's public answer (what `www/index.html` loads).
async fn demo_answer(State(app): State<Arc<App>>, Path(file): Path<String>) -> ApiResult<Response> {
    let page = file
        .strip_suffix(".json")
        .ok_or_else(|| crate::error::ApiError::not_found("demo page"))?;
    let text = pages::public_answer(&app, page, None, now_ms()).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        text.as_str().to_string(),
    )
        .into_response())
}
