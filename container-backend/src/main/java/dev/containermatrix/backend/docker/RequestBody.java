package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** What a request sends: JSON of known length, or a stream (a tar) sent chunked. */
sealed interface RequestBody {

  String contentType();

  /** A JSON document, sent with its {@code Content-Length}. */
  record Json(byte[] bytes) implements RequestBody {
    public Json {
      bytes = bytes.clone();
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /**
   * A stream of unknown length, sent with {@code Transfer-Encoding: chunked}; read to its end, not
   * closed.
   */
  record Stream(String contentType, InputStream content) implements RequestBody {
    public Stream {
      Objects.requireNonNull(contentType, "contentType must not be null");
      Objects.requireNonNull(content, "content must not be null");
    }

    void writeChunked(OutputStream out) throws IOException {
      ChunkedOutputStream chunked = new ChunkedOutputStream(out);
      content.transferTo(chunked);
      chunked.finish();
    }
  }
}
