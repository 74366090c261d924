package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A container's attached output when files are copied ({@link FileTransfer#COPY}): its stderr (the
 * JVM's stdout and stderr) goes to {@code stderr.log}; its stdout carries the agent's events, which
 * this passes to the host's channel socket as if the agent had connected there itself, or, where
 * the spec has no channel, to {@code stdout.log}. When the host closes the channel (the variant is
 * over or abandoned), the container's stdin ends, and the agent's orphan guard halts its JVM.
 */
final class AttachedOutput implements DockerContainer.Output {
  private final Attachment attachment;
  private final @Nullable SocketChannel channel;

  private AttachedOutput(Attachment attachment, @Nullable SocketChannel channel) {
    this.attachment = attachment;
    this.channel = channel;
  }

  /**
   * Connects to the host's channel socket {@code channelSocket}, if not null, before the container
   * starts.
   */
  static AttachedOutput connect(Attachment attachment, @Nullable Path channelSocket)
      throws IOException {
    if (channelSocket == null) {
      return new AttachedOutput(attachment, null);
    }
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      socket.connect(UnixDomainSocketAddress.of(channelSocket));
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          "cannot connect to the host's event channel " + channelSocket + ": " + e.getMessage(), e);
    }
    AttachedOutput output = new AttachedOutput(attachment, socket);
    Thread watch = new Thread(output::endInputWhenHostCloses, "containermatrix-docker-channel");
    watch.setDaemon(true);
    watch.start();
    return output;
  }

  @Override
  public void copy(Path stdout, Path stderr) throws IOException {
    try (OutputStream err = Files.newOutputStream(stderr);
        OutputStream out =
            channel == null ? Files.newOutputStream(stdout) : new ChannelStream(channel)) {
      if (channel != null) {
        Files.newOutputStream(stdout).close();
      }
      attachment.copyOutput(out, err);
    } finally {
      close();
    }
  }

  /** Blocks reading the channel; anything the host sends is ignored, its end ends stdin. */
  private void endInputWhenHostCloses() {
    ByteBuffer sink = ByteBuffer.allocate(256);
    try {
      while (channel.read(sink) >= 0) {
        sink.clear();
      }
    } catch (IOException e) {
      // the same as the end: the host is not listening any more
    }
    try {
      attachment.closeInput();
    } catch (IOException e) {
      // the attachment is gone already: so is the container's stdin
    }
  }

  /** Ends the events the host reads, and the attachment. */
  void close() throws IOException {
    try (attachment) {
      if (channel != null) {
        try (channel) {
          channel.shutdownOutput();
        } catch (IOException e) {
          // the host closed it first
        }
      }
    }
  }

  /**
   * Writes to the socket directly (a stream from {@code Channels} would share one lock with the
   * watcher's read); once the host stops reading, what follows is dropped, so the container's
   * stdout never blocks on a host that is gone.
   */
  private static final class ChannelStream extends OutputStream {
    private final SocketChannel socket;
    private boolean broken;

    ChannelStream(SocketChannel socket) {
      this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (broken) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      try {
        while (buffer.hasRemaining()) {
          socket.write(buffer);
        }
      } catch (IOException e) {
        broken = true;
      }
    }
  }
}
