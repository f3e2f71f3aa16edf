package com.acme.saas.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 PAYLOAD_TOO_LARGE for bodies over the limit: at once when {@code Content-Length} says
 * so, and while reading when the body is chunked, so no handler ever buffers an oversized body.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final ErrorResponseWriter errors;

  public BodySizeLimitFilter(DataSize maxBodySize, ErrorResponseWriter errors) {
    this.maxBytes = maxBodySize.toBytes();
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      errors.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLargeMessage());
      return;
    }
    chain.doFilter(new LimitedRequest(request), response);
  }

  String tooLargeMessage() {
    return "Request body exceeds " + maxBytes + " bytes";
  }

  /** Thrown while reading a chunked body past the limit; the error handler maps it to 413. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(String message) {
      super(message);
    }
  }

  private final class LimitedRequest extends HttpServletRequestWrapper {
    private LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream delegate = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        private void count(long n) throws BodyTooLargeException {
          if (n > 0 && (read += n) > maxBytes) {
            throw new BodyTooLargeException(tooLargeMessage());
          }
        }

        @Override
        public int read() throws IOException {
          int b = delegate.read();
          count(b < 0 ? 0 : 1);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = delegate.read(buffer, offset, length);
          count(n);
          return n;
        }

        @Override
        public boolean isFinished() {
          return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
          return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          delegate.setReadListener(listener);
        }
      };
    }
  }
}
