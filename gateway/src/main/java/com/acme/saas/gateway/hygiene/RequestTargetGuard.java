package com.acme.saas.gateway.hygiene;

import com.acme.saas.common.observability.RequestIds;
import com.acme.saas.common.web.ErrorCode;
import com.acme.saas.common.web.ErrorResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits right behind Netty's HTTP decoder, so it sees each request before Reactor Netty, Spring's
 * URI parser, route matching, the access rules and the rate limits do, and answers in the envelope
 * (with a request id and the security headers) the requests none of them may see:
 *
 * <ul>
 *   <li>a request line over the decoder's limit: 414 URI_TOO_LONG; headers over it: 431
 *       HEADERS_TOO_LARGE; any other undecodable request: 400 VALIDATION_ERROR (Reactor Netty would
 *       answer these with an empty body);
 *   <li>a target that servers could read differently from the gateway's access rules: an encoded
 *       {@code /}, a {@code \} raw or encoded, a {@code .} or {@code ..} segment raw or encoded,
 *       {@code //}, a {@code ;} path parameter, {@code %00} or another control character, a {@code
 *       %} not followed by two hex digits, or anything else that is not a valid URI: 400
 *       VALIDATION_ERROR.
 * </ul>
 *
 * <p>The connection is closed after such an answer, so what follows the refused request is never
 * read as another one. One instance per connection.
 */
final class RequestTargetGuard extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger("gateway.access");
  private static final Pattern ENCODED_CONTROL = Pattern.compile("%(0[0-9a-f]|1[0-9a-f]|7f)");

  private final JsonMapper json;
  private boolean refused;

  RequestTargetGuard(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      // The body of the refused request, or whatever a client sent after it.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      Refusal refusal = refusal(request);
      if (refusal != null) {
        refused = true;
        ReferenceCountUtil.release(msg);
        answer(ctx, request, refusal);
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  record Refusal(ErrorCode code, String message) {}

  private static @Nullable Refusal refusal(HttpRequest request) {
    DecoderResult decoded = request.decoderResult();
    if (decoded.isFailure()) {
      return switch (decoded.cause()) {
        case TooLongHttpLineException e ->
            new Refusal(
                ErrorCode.URI_TOO_LONG, "The request line is longer than the gateway accepts");
        case TooLongHttpHeaderException e ->
            new Refusal(
                ErrorCode.HEADERS_TOO_LARGE,
                "The request headers are larger than the gateway accepts");
        default -> new Refusal(ErrorCode.VALIDATION_ERROR, "Request is malformed");
      };
    }
    String problem = targetProblem(request.uri());
    return problem == null
        ? null
        : new Refusal(ErrorCode.VALIDATION_ERROR, "Request path is not accepted: " + problem);
  }

  /** Why the gateway refuses this request target, or {@code null} when it is unambiguous. */
  static @Nullable String targetProblem(String target) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if (!path.startsWith("/")) {
      return "it must start with /";
    }
    String lower = path.toLowerCase(Locale.ROOT);
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '%'
          && (i + 2 >= target.length()
              || !isHex(target.charAt(i + 1))
              || !isHex(target.charAt(i + 2)))) {
        return "invalid percent-encoding";
      }
      if (c < 0x20 || c == 0x7f) {
        return "control character";
      }
    }
    if (ENCODED_CONTROL.matcher(lower).find()) {
      return "encoded control character";
    }
    if (lower.contains("%2f")) {
      return "encoded /";
    }
    if (lower.contains("\\") || lower.contains("%5c")) {
      return "backslash";
    }
    if (lower.contains(";") || lower.contains("%3b")) {
      return "path parameters";
    }
    if (path.contains("//")) {
      return "empty segment";
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return "dot segment";
      }
    }
    try {
      new URI(target);
    } catch (URISyntaxException e) {
      return "not a valid URI";
    }
    return null;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private void answer(ChannelHandlerContext ctx, HttpRequest request, Refusal refusal) {
    String requestId = RequestIds.keepOrGenerate(request.headers().get(RequestIds.HEADER));
    byte[] body =
        json.writeValueAsBytes(
            ErrorResponse.of(refusal.code(), refusal.message(), null, requestId));
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(refusal.code().status().value()),
            Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set(RequestIds.HEADER, requestId);
    SecurityHeadersFilter.HEADERS.forEach(response.headers()::set);
    log.atInfo()
        .addKeyValue("method", request.method().name())
        .addKeyValue("status", refusal.code().status().value())
        .addKeyValue(RequestIds.MDC_KEY, requestId)
        .log(
            "http.refused method={} status={} reason={} requestId={}",
            request.method().name(),
            refusal.code().status().value(),
            refusal.message(),
            requestId);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
