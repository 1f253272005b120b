package io.tern.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message's form, as the load test posts it, decoded into the form attributes: by Netty's
 * multipart decoder as Vert.x drives it (one chunk, the last content, fields until the
 * end-of-data exception) and by {@link UrlencodedForm}, which replaced it for urlencoded bodies.
 * In package io.tern.api because the decoder is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FormDecodingBenchmark {
  private static final byte[] BODY =
      "To=%2B14155551234&From=%2B14155550042&Body=Load+test+message+123456"
          .getBytes(StandardCharsets.US_ASCII);
  private final DefaultHttpDataFactory factory = new DefaultHttpDataFactory(false);
  private final HttpRequest request = request();

  @Benchmark
  public MultiMap nettyDecoder() throws IOException {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(factory, request,
        StandardCharsets.UTF_8, 1024, 65_536);
    try {
      decoder.offer(new DefaultHttpContent(Unpooled.wrappedBuffer(BODY)));
      decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT);
      while (decoder.hasNext()) {
        InterfaceHttpData data = decoder.next();
        if (data instanceof Attribute attribute) {
          form.add(attribute.getName(), attribute.getValue());
          attribute.release();
        }
      }
    } catch (HttpPostRequestDecoder.EndOfDataDecoderException expected) {
      // How the decoder says it has no more fields: Vert.x catches it the same way.
    } finally {
      decoder.destroy();
    }
    return form;
  }

  @Benchmark
  public MultiMap urlencodedForm() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    UrlencodedForm.decode(BODY, form);
    return form;
  }

  private static HttpRequest request() {
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
        HttpMethod.POST, "/2010-04-01/Accounts/AC0/Messages.json");
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
    request.headers().set(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
    return request;
  }
}
