# The production image: web (gunicorn + WhiteNoise), worker and beat all run from it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-compile . && rm -rf build *.egg-info
COPY . .
# Static files are collected (hashed, compressed) at build time with placeholder settings.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-placeholder-0123456789-abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://localhost \
    SITE_URL=http://localhost python manage.py collectstatic --noinput
RUN useradd --create-home supportlead && mkdir -p /app/var && chown -R supportlead /app/var
USER supportlead
EXPOSE 8000
CMD ["gunicorn", "supportlead.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
