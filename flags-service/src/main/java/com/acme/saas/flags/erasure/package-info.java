@NullMarked
package com.acme.saas.flags.erasure;

import org.jspecify.annotations.NullMarked;
