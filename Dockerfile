# regatlas web app and API, installed from its wheel and run as an unprivileged user.
#
#   docker build -t regatlas .
#   docker run --rm -p 127.0.0.1:8000:8000 regatlas      # then open http://127.0.0.1:8000
#
# Inside the container the server binds 0.0.0.0 (the container's own loopback cannot be reached
# from the host); publishing on 127.0.0.1 is what keeps it to this machine. The API has no
# authentication and accepts uploads and renders PDFs: do not publish it as -p 8000:8000 (all host
# interfaces) unless an authenticating proxy stands in front of it.

# Stage 1: the wheel (what `pip install regatlas` gets; tests/test_wheel.py checks it serves).
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY regatlas ./regatlas
RUN pip wheel --no-cache-dir --no-deps . -w /wheels

# Stage 2: the runtime, without the source tree.
FROM python:3.11-slim
# Pango and a font for WeasyPrint (PDF reports).
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY --from=wheel /wheels /wheels
# Installed as root into site-packages, so the code is read-only for the user that runs it.
# The web server, PDF reports and charts are extras of the wheel (pyproject.toml, regatlas/extras.py).
RUN pip install --no-cache-dir "$(ls /wheels/regatlas-*.whl)[web,pdf,charts]" && rm -rf /wheels
RUN useradd --system --no-log-init --create-home --home-dir /home/regatlas --uid 10001 regatlas
ENV REGATLAS_HOME=/home/regatlas/.cache/regatlas \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER regatlas
WORKDIR /home/regatlas
# Compile the atlas and load the bundled register snapshots now, as that user, into its own cache
# (REGATLAS_HOME), so start-up is quick.
RUN regatlas build && regatlas registers list > /dev/null
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/info', timeout=4)"]
CMD ["regatlas", "serve", "--host", "0.0.0.0", "--port", "8000"]
