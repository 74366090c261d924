/** Small main classes that tests run as containers, and the specs that run them. */
@NullMarked
package dev.containermatrix.backend.testmains;

import org.jspecify.annotations.NullMarked;
