package io.ndc.gateway.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the length prefixes of a TCP bridge connection (4-byte big-endian length, then that many bytes of JSON)
 * ahead of the bridge's own parser, which buffers whatever length a client declares: a frame declared longer than
 * {@code bridge.max_frame_bytes} closes the connection before any of it is buffered. The bytes pass through unchanged.
 * Installed on each connection of the bridge's public port ({@link TcpBridgeFront}), after TLS and before Vert.x.
 */
final class BridgeFrameLimit extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeFrameLimit.class);

  private final int maxFrameBytes;
  /** Bytes of the current frame's body still to pass; 0 while reading a length prefix. */
  private long bodyLeft;
  private int prefix;
  private int prefixBytes;

  BridgeFrameLimit(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Puts a limit in front of the bridge's parser on {@code socket} (a Vert.x internal view of its Netty pipeline). */
  static void install(NetSocket socket, int maxFrameBytes) {
    ChannelHandlerContext vertx = ((NetSocketInternal) socket).channelHandlerContext();
    vertx.pipeline().addBefore(vertx.name(), "ndc-bridge-frame-limit", new BridgeFrameLimit(maxFrameBytes));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && !withinLimit(bytes)) {
      bytes.release();
      LOG.warn("TCP bridge client {} declared a frame of {} bytes (limit {}); connection closed",
          ctx.channel().remoteAddress(), Integer.toUnsignedLong(prefix), maxFrameBytes);
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Walks the prefixes in {@code bytes} without consuming them. */
  private boolean withinLimit(ByteBuf bytes) {
    int at = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (at < end) {
      if (bodyLeft > 0) {
        long step = Math.min(bodyLeft, end - at);
        bodyLeft -= step;
        at += (int) step;
        continue;
      }
      prefix = (prefix << 8) | (bytes.getByte(at++) & 0xff);
      if (++prefixBytes == 4) {
        long declared = Integer.toUnsignedLong(prefix);
        if (declared > maxFrameBytes) {
          return false;
        }
        bodyLeft = declared;
        prefix = 0;
        prefixBytes = 0;
      }
    }
    return true;
  }
}
