"""The only package that calls OpenGL: contexts, shaders, meshes, the renderer and the HUD."""
