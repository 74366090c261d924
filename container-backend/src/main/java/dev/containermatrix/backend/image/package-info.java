/**
 * Image sources: reading base images from where users keep them (OCI layouts and archives, {@code
 * docker save} archives, a local Docker engine) into a neutral model of verified layer blobs and a
 * config.
 */
@NullMarked
package dev.containermatrix.backend.image;

import org.jspecify.annotations.NullMarked;
