package dev.containermatrix.backend.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes of one tar entry, read from its offset in the tar with a channel of its own. */
final class TarEntryInputStream extends InputStream {

  private final FileChannel channel;
  private final long end;
  private long position;

  TarEntryInputStream(Path archive, long offset, long size) throws IOException {
    this.channel = FileChannel.open(archive, StandardOpenOption.READ);
    this.position = offset;
    this.end = offset + size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    long remaining = end - position;
    if (remaining <= 0) {
      return -1;
    }
    int n =
        channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)), position);
    if (n < 0) {
      throw new IOException(
          "the tar ended "
              + (end - position)
              + " bytes before the entry's end: the archive is truncated");
    }
    position += n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
