"""Avatar animation as pure data: skeleton, clips, blending, look-at and the face.

Everything is vectorised over avatars (arrays shaped ``(N, bones, …)``) because 64
talking avatars must animate in under 2 ms a frame on two CPU cores.
"""
