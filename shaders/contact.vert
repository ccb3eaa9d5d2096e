#version 330 core
// Contact shadows: a soft dark ellipse on the floor under each avatar (body and feet),
// stretched away from the sun. One instanced quad per ellipse; see game/render/contact_shadows.py.

in vec2 in_corner;          // unit quad corner in [-1, 1]^2
in vec4 in_centre_radius;   // per instance: x, floor y, z, radius along the sun
in vec4 in_dir_width;       // per instance: sun direction on the floor (x, z), radius across, strength

uniform mat4 u_view_proj;

out vec2 v_uv;
out float v_strength;

void main() {
    vec2 along = in_dir_width.xy;
    vec2 across = vec2(-along.y, along.x);
    vec2 xz = in_centre_radius.xz + along * in_corner.x * in_centre_radius.w
                                  + across * in_corner.y * in_dir_width.z;
    v_uv = in_corner;
    v_strength = in_dir_width.w;
    gl_Position = u_view_proj * vec4(xz.x, in_centre_radius.y + 0.006, xz.y, 1.0);
}
