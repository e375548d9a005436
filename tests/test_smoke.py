"""The app starts and answers its health check."""


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "db": "ok"}


def test_login_required_redirects(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_logged_in_user_sees_dashboard(make_user, login):
    session = login(make_user())
    response = session.get("/")
    assert response.status_code == 200
    assert "My pairs" in response.get_data(as_text=True)
