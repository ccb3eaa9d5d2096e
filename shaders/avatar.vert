#version 330 core
// GPU-skinned avatars: bone matrices and colour palettes live in a float texture,
// one row per avatar; every avatar of a mesh is one instanced draw. Lit here, per
// vertex (lighting.glsl): the mesh is fine enough to look the same as per pixel, and
// tiny triangles make per-pixel shading cost more than everything else on llvmpipe.
#include "lighting.glsl"

in vec3 in_position;
in vec3 in_normal;
in vec4 in_bones;
in vec4 in_weights;
in float in_slot;
in float in_row;   // per instance: which texture row holds this avatar

uniform sampler2D u_bones;   // RGBA32F: 4 texels per bone matrix, then the palette
uniform int u_bone_count;
uniform mat4 u_view_proj;
uniform mat4 u_light_view_proj;

out vec3 v_colour;

mat4 bone_matrix(int bone, int row) {
    int x = bone * 4;
    return mat4(
        texelFetch(u_bones, ivec2(x, row), 0),
        texelFetch(u_bones, ivec2(x + 1, row), 0),
        texelFetch(u_bones, ivec2(x + 2, row), 0),
        texelFetch(u_bones, ivec2(x + 3, row), 0));
}

void main() {
    int row = int(in_row + 0.5);
    mat4 skin = in_weights.x * bone_matrix(int(in_bones.x), row)
              + in_weights.y * bone_matrix(int(in_bones.y), row)
              + in_weights.z * bone_matrix(int(in_bones.z), row)
              + in_weights.w * bone_matrix(int(in_bones.w), row);
    vec4 world = skin * vec4(in_position, 1.0);
    vec3 n = normalize(mat3(skin) * in_normal);
    vec3 colour = texelFetch(u_bones, ivec2(u_bone_count * 4 + int(in_slot + 0.5), row), 0).rgb;
    vec3 lit = shade(world.xyz, n, colour * colour, u_light_view_proj * world);  // gamma 2.0 albedo
    v_colour = fogged(lit, world.xyz);
    gl_Position = u_view_proj * world;
}
