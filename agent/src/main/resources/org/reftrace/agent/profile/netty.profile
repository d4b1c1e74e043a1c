# The built-in profile for Netty's reference-counted objects (ByteBuf, ByteBufHolder, every
# io.netty.util.ReferenceCounted), for Netty 4.1 and 4.2. Written in the same format as user profiles
# (docs/profiles.md); docs/netty.md says why each line is here, with the Netty source it follows.
name = netty
kind = ByteBuf
type = io.netty.util.ReferenceCounted
count-method = refCnt
count-floor = 0
implementation = io.netty.buffer

# Never released by design: a shared empty buffer, unreleasable wrappers (static constants), the empty last content.
ignore = io.netty.buffer.EmptyByteBuf
ignore = io.netty.buffer.UnreleasableByteBuf
ignore = io.netty.handler.codec.http.LastHttpContent$1

# Views of another object's count: a reference taken on one is taken on what it views, counted once.
view = io.netty.buffer.ByteBufHolder#content()
view = io.netty.buffer.WrappedByteBuf#unwrap()
view = io.netty.buffer.WrappedCompositeByteBuf#unwrap()
view = io.netty.buffer.AbstractDerivedByteBuf#unwrap()

# Allocation is the first hold: whoever allocates the buffer holds it. A derived buffer with its own count
# (a pooled retainedSlice) holds its parent: a chain.
alloc = io.netty.buffer.ByteBufAllocator#buffer(*)
alloc = io.netty.buffer.ByteBufAllocator#heapBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#directBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#ioBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#compositeBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#compositeHeapBuffer(*)
alloc = io.netty.buffer.ByteBufAllocator#compositeDirectBuffer(*)
alloc = io.netty.buffer.Unpooled#buffer(*)
alloc = io.netty.buffer.Unpooled#directBuffer(*)
alloc = io.netty.buffer.Unpooled#copiedBuffer(*)
alloc = io.netty.buffer.Unpooled#wrappedBuffer(*)
alloc = io.netty.buffer.Unpooled#compositeBuffer(*)
alloc = io.netty.buffer.ByteBuf#retainedSlice(*)
alloc = io.netty.buffer.ByteBuf#retainedDuplicate(*)
alloc = io.netty.buffer.ByteBuf#readRetainedSlice(*)
alloc = io.netty.buffer.ByteBuf#copy(*)
alloc = io.netty.buffer.ByteBuf#readBytes(int)

hold = io.netty.util.ReferenceCounted#retain()
hold = io.netty.util.ReferenceCounted#retain(int) count=arg0
put = io.netty.util.ReferenceCounted#release()
put = io.netty.util.ReferenceCounted#release(int) count=arg0
# ReferenceCountUtil: named after its caller, the call inside counted once
hold = io.netty.util.ReferenceCountUtil#retain(java.lang.Object) object=arg0
hold = io.netty.util.ReferenceCountUtil#retain(java.lang.Object, int) object=arg0 count=arg1
put = io.netty.util.ReferenceCountUtil#release(java.lang.Object) object=arg0
put = io.netty.util.ReferenceCountUtil#release(java.lang.Object, int) object=arg0 count=arg1
put = io.netty.util.ReferenceCountUtil#safeRelease(java.lang.Object) object=arg0
put = io.netty.util.ReferenceCountUtil#safeRelease(java.lang.Object, int) object=arg0 count=arg1

# Ownership passing along the pipeline: a handler that receives a message owns it (it must release it or pass
# it on); what is written belongs to the channel, which releases it once written; a composite takes over the
# components added to it.
transfer = io.netty.channel.ChannelInboundHandler#channelRead(io.netty.channel.ChannelHandlerContext, java.lang.Object) object=arg1
transfer = io.netty.channel.ChannelOutboundInvoker#write(java.lang.Object) object=arg0
transfer = io.netty.channel.ChannelOutboundInvoker#write(java.lang.Object, io.netty.channel.ChannelPromise) object=arg0
transfer = io.netty.channel.ChannelOutboundInvoker#writeAndFlush(java.lang.Object) object=arg0
transfer = io.netty.channel.ChannelOutboundInvoker#writeAndFlush(java.lang.Object, io.netty.channel.ChannelPromise) object=arg0
transfer = io.netty.buffer.CompositeByteBuf#addComponent(io.netty.buffer.ByteBuf) object=arg0
transfer = io.netty.buffer.CompositeByteBuf#addComponent(boolean, io.netty.buffer.ByteBuf) object=arg1
transfer = io.netty.buffer.CompositeByteBuf#addComponent(int, io.netty.buffer.ByteBuf) object=arg1
transfer = io.netty.buffer.CompositeByteBuf#addComponent(boolean, int, io.netty.buffer.ByteBuf) object=arg2
