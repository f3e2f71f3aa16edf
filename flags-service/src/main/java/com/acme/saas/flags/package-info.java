@NullMarked
package com.acme.saas.flags;

import org.jspecify.annotations.NullMarked;
