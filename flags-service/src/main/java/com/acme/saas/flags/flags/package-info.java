@NullMarked
package com.acme.saas.flags.flags;

import org.jspecify.annotations.NullMarked;
