# The built-in profile for Netty's reference-counted objects (ByteBuf and every io.netty.util.ReferenceCounted).
# Written in the same format as user profiles (docs/profiles.md).
name = netty
kind = ByteBuf
type = io.netty.util.ReferenceCounted
count-method = refCnt
count-floor = 0
implementation = io.netty.buffer

# Allocation is the first hold: whoever allocates the buffer holds it. (Allocation calls inside io.netty.buffer,
# the implementation, are part of an allocation already counted at the caller.)
alloc = io.netty.buffer.ByteBufAllocator#buffer(*)
alloc = io.netty.buffer.ByteBufAllocator#heapBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#directBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#ioBuffer(*)
alloc = io.netty.buffer.Unpooled#buffer(*)
alloc = io.netty.buffer.Unpooled#directBuffer(*)
alloc = io.netty.buffer.Unpooled#copiedBuffer(*)
alloc = io.netty.buffer.Unpooled#wrappedBuffer(*)
alloc = io.netty.buffer.ByteBuf#retainedSlice(*)
alloc = io.netty.buffer.ByteBuf#retainedDuplicate(*)
alloc = io.netty.buffer.ByteBuf#readRetainedSlice(*)

hold = io.netty.util.ReferenceCounted#retain()
put = io.netty.util.ReferenceCounted#release()

# A handler that receives a message owns it: it must release it or pass it on.
transfer = io.netty.channel.ChannelInboundHandler#channelRead(io.netty.channel.ChannelHandlerContext, java.lang.Object) object=1
