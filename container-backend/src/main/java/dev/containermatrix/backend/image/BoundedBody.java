package dev.containermatrix.backend.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a stream that keeps to limits: at most {@link Limit#bytes()} bytes (one more
 * is an error, never a silent cut), no silence longer than the read timeout, and the whole body
 * within its deadline, which starts when the headers arrived. Breaking a limit cancels the exchange
 * and throws {@link ImageSourceException} naming the URL. The stream is read by one thread.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<InputStream> {

  /**
   * The most bytes a body may have, and why, for the message: "the size its descriptor gives: …".
   */
  record Limit(long bytes, String reason) {}

  private static final Object END = new Object();

  private final URI uri;
  private final Limit limit;
  private final Duration readTimeout;
  private final Duration deadline;
  private final long deadlineNanos;
  private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
  private final CompletableFuture<InputStream> body = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  BoundedBody(URI uri, Limit limit, Duration readTimeout, Duration deadline) {
    this.uri = uri;
    this.limit = limit;
    this.readTimeout = readTimeout;
    this.deadline = deadline;
    this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    body.complete(new Stream());
  }

  /** A handler whose body is bounded so; the deadline runs from the response's headers. */
  static HttpResponse.BodyHandler<InputStream> handler(
      URI uri, Limit limit, Duration readTimeout, Duration deadline) {
    return info -> new BoundedBody(uri, limit, readTimeout, deadline);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    arrivals.add(buffers);
  }

  @Override
  public void onError(Throwable throwable) {
    arrivals.add(throwable);
  }

  @Override
  public void onComplete() {
    arrivals.add(END);
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  /** {@code 2 s} or {@code 500 ms}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private final class Stream extends InputStream {
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private long count;
    private boolean ended;
    private boolean closed;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("The body of " + uri + " was closed");
      }
      if (length == 0) {
        return 0;
      }
      while (!current.hasRemaining()) {
        if (buffers.hasNext()) {
          current = buffers.next();
        } else if (ended) {
          return -1;
        } else {
          awaitMore();
        }
      }
      int n = Math.min(length, current.remaining());
      if (count + n > limit.bytes()) {
        cancel();
        throw new ImageSourceException(
            uri + " sent more than " + limit.bytes() + " bytes, " + limit.reason());
      }
      current.get(target, offset, n);
      count += n;
      return n;
    }

    @SuppressWarnings("unchecked")
    private void awaitMore() throws IOException {
      long left = deadlineNanos - System.nanoTime();
      Object next;
      try {
        next =
            left <= 0
                ? null
                : arrivals.poll(Math.min(left, readTimeout.toNanos()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new ImageSourceException("Interrupted while reading " + uri);
      }
      if (next == null) {
        cancel();
        if (System.nanoTime() - deadlineNanos >= 0) {
          throw new ImageSourceException(
              uri
                  + " did not send its whole body within "
                  + format(deadline)
                  + " (the read timeout of "
                  + format(readTimeout)
                  + " and the time "
                  + limit.bytes()
                  + " bytes take at the slowest rate allowed): the registry or the network is too"
                  + " slow, or the registry trickles; try again, or check them");
        }
        throw new ImageSourceException(
            uri
                + " sent nothing for "
                + format(readTimeout)
                + " (the read timeout) after "
                + count
                + " bytes of its body: the registry or the network stalls; try again, or check"
                + " them");
      }
      if (next == END) {
        ended = true;
      } else if (next instanceof Throwable failure) {
        ended = true;
        throw new ImageSourceException(
            "Reading "
                + uri
                + " failed after "
                + count
                + " bytes: "
                + failure
                + "; check that the registry runs and try again",
            failure);
      } else {
        buffers = ((List<ByteBuffer>) next).iterator();
        subscription.request(1);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (!ended) {
          cancel();
        }
      }
    }
  }
}
